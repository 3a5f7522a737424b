package dev.clusterlab.views.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.views.session.LabFrame;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The painter is a pure function of the frame and its time (a rewind draws the same picture) that
 * animates as time moves, and paints every shipped scenario, at any moment, in both themes, with
 * any selection, without failing. Headless (Monocle), on an off-screen canvas.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterPainterTest {
    private static final long SECOND = 1_000_000_000L;

    private static int[] pixels(ClusterPainter painter, LabFrame frame, Palette palette, CanvasTarget selection, double w, double h) {
        Canvas canvas = new Canvas(w, h);
        painter.paint(canvas.getGraphicsContext2D(), w, h, frame, palette, selection);
        WritableImage image = canvas.snapshot(null, null);
        int[] out = new int[(int) w * (int) h];
        image.getPixelReader().getPixels(0, 0, (int) w, (int) h, PixelFormat.getIntArgbInstance(), out, 0, (int) w);
        return out;
    }

    private static ClusterPainter painter(LabSession s) {
        return new ClusterPainter(s.topology(), s::describe, s.scenario().title(), s.scenario().description(), CanvasTiming.of(s.scenario()));
    }

    @Test
    void aRewoundFrameDrawsTheSamePictureAndTimeMovesTheDots(FxRobot robot) {
        LabSession session = LabSession.open(ScenarioSource.demo());
        session.advanceTo(12 * SECOND);
        ClusterPainter painter = painter(session);
        AtomicReference<int[][]> shots = new AtomicReference<>();
        robot.interact(() -> shots.set(new int[][] {
                pixels(painter, session.stateAt(3_300_000_000L), Palette.LIGHT, null, 1400, 820),
                pixels(painter, session.stateAt(3_300_000_000L), Palette.LIGHT, null, 1400, 820),
                pixels(painter, session.stateAt(3_500_000_000L), Palette.LIGHT, null, 1400, 820)}));
        assertThat(Arrays.equals(shots.get()[0], shots.get()[1])).as("same frame, same picture").isTrue();
        assertThat(Arrays.equals(shots.get()[0], shots.get()[2])).as("0.2 s later the heartbeat has moved").isFalse();
    }

    @Test
    void theSelectionIsDrawn(FxRobot robot) {
        LabSession session = LabSession.open(ScenarioSource.demo());
        ClusterPainter painter = painter(session);
        AtomicReference<int[][]> shots = new AtomicReference<>();
        robot.interact(() -> shots.set(new int[][] {
                pixels(painter, session.frame(), Palette.DARK, null, 1400, 820),
                pixels(painter, session.frame(), Palette.DARK, new CanvasTarget.Disk("data"), 1400, 820)}));
        assertThat(Arrays.equals(shots.get()[0], shots.get()[1])).isFalse();
    }

    @Test
    void theHoveredTargetIsOutlinedApartFromTheSelection(FxRobot robot) {
        LabSession session = LabSession.open(ScenarioSource.demo());
        ClusterPainter painter = painter(session);
        CanvasTarget data = new CanvasTarget.Disk("data"), a = new CanvasTarget.Node("node-a");
        AtomicReference<int[][]> shots = new AtomicReference<>();
        robot.interact(() -> {
            int[][] out = new int[3][];
            for (int i = 0; i < 3; i++) {
                Canvas canvas = new Canvas(1400, 820);
                painter.paint(canvas.getGraphicsContext2D(), 1400, 820, session.frame(), Palette.LIGHT, data, i == 0 ? null : i == 1 ? a : data);
                WritableImage image = canvas.snapshot(null, null);
                out[i] = new int[1400 * 820];
                image.getPixelReader().getPixels(0, 0, 1400, 820, PixelFormat.getIntArgbInstance(), out[i], 0, 1400);
            }
            shots.set(out);
        });
        assertThat(Arrays.equals(shots.get()[0], shots.get()[1])).as("hovering node-a outlines it").isFalse();
        assertThat(Arrays.equals(shots.get()[0], shots.get()[2])).as("hovering the selection adds nothing").isTrue();
    }

    @Test
    void everyShippedScenarioPaintsAtEveryMomentInBothThemesWithEverySelection(FxRobot robot) throws Exception {
        int painted = 0;
        for (String name : ShippedScenarios.names()) {
            LabSession session = LabSession.open(ScenarioSource.load(name));
            session.advanceTo(session.end());
            ClusterPainter painter = painter(session);
            List<CanvasTarget> targets = CanvasHit.tabOrder(session.topology());
            int k = 0;
            for (long t = 0; t <= session.end(); t += 2_300_000_000L, k++) {
                LabFrame frame = session.stateAt(t);
                CanvasTarget selection = targets.get(k % targets.size());
                Palette palette = k % 2 == 0 ? Palette.LIGHT : Palette.DARK;
                robot.interact(() -> {
                    Canvas canvas = new Canvas(900, 600);
                    painter.paint(canvas.getGraphicsContext2D(), 900, 600, frame, palette, selection);
                });
                painted++;
            }
        }
        assertThat(painted).isGreaterThan(ShippedScenarios.names().size() * 10);
    }
}
