package dev.clusterlab.bench.ui;

import dev.clusterlab.views.sequence.SequenceDiagramView;
import dev.clusterlab.views.sequence.SequenceViewModel;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.window.LabWindow;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.util.Locale;
import java.util.SplittableRandom;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Issue 5's long-timeline figure: a session that recorded at least a million timeline events, then
 * <ol>
 *   <li>seek without the toolkit: {@code LabSession.seek(t)} + {@code frame()} +
 *       {@code SequenceViewModel.showUpTo(t)}, 200 seeks alternating far jumps (anywhere) and small
 *       steps (up to one simulated second either way);</li>
 *   <li>seek in the real window on the FX thread: {@code LabWindowViewModel.seek(t)} (which also
 *       repaints the canvas and updates the diagram's list) plus the CSS and layout pass that follows;</li>
 *   <li>the sequence diagram scrolled to 200 random rows: {@code scrollTo} + CSS + layout (the visible
 *       cells repaint through {@code SequenceRowPainter}), and rasterising that viewport (a snapshot).</li>
 * </ol>
 * Also the heap the session holds (used heap after GC, before opening it and after). Run with
 * {@code bench/ui-seek [target-events]}.
 */
public final class UiSeekBench {
    private static final long SECOND = 1_000_000_000L;
    private static final int SEEKS = 200;

    private UiSeekBench() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // 16 nodes, 8 groups writing every millisecond: about 16,000 events per simulated second.
        int seconds = Math.max(10, (int) Math.ceil(target / 15_000.0));
        String text = LoadScenario.text(16, 8, "1ms", seconds, seconds * 0.3);
        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        LabSession session = LabSession.open(LoadScenario.parse(text));
        session.advanceTo(session.end());
        long recorded = System.nanoTime() - t0;
        SequenceViewModel rows = new SequenceViewModel(session); // decodes every row once, as the window does
        long decoded = System.nanoTime() - t0 - recorded;
        long heapAfter = usedHeapAfterGc();
        int events = session.timeline().size();
        System.out.printf(Locale.ROOT, "ui-seek: 16 nodes, 8 data disks, WSFC, workload every 1 ms, %d s simulated%n", seconds);
        System.out.printf(Locale.ROOT, "  timeline:        %,d events, %,d sequence rows; recorded in %.1f s, rows decoded in %.1f s%n",
                events, rows.rows().size(), recorded / 1e9, decoded / 1e9);
        System.out.printf(Locale.ROOT, "  heap:            %.0f MiB used after GC for the session and its rows (%.0f MiB per million events)%n",
                (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1048576.0 / (events / 1e6));
        if (events < target) System.out.printf(Locale.ROOT, "  WARNING: fewer events than the %,d asked for%n", target);

        long end = session.end();
        // Toolkit-free seek: warm up, then measure.
        seeks(session, rows, end, new SplittableRandom(1), new Percentiles(), new Percentiles());
        Percentiles framePart = new Percentiles();
        Percentiles plain = seeks(session, rows, end, new SplittableRandom(2), new Percentiles(), framePart);
        System.out.printf(Locale.ROOT, "  seek (model):    %s  (%d seeks: LabSession.seek + frame + SequenceViewModel.showUpTo)%n",
                plain.summaryMillis(), plain.count());
        System.out.printf(Locale.ROOT, "    of which frame %s  (LabSession.seek + frame: projections, recent commands, narration)%n",
                framePart.summaryMillis());

        FxPlatform.start();
        Percentiles windowSeeks = new Percentiles(), scrolls = new Percentiles(), raster = new Percentiles();
        int[] visibleRows = new int[2]; // rows on screen, rows in the list
        FxPlatform.run(() -> {
            session.seek(end);
            LabWindowViewModel model = new LabWindowViewModel(session);
            LabWindow window = new LabWindow(model);
            window.dispose(); // no animation: every change here is a seek
            Stage stage = new Stage();
            stage.setScene(new Scene(window, 1440, 900));
            stage.show();
            SplittableRandom random = new SplittableRandom(3);
            for (int round = 0; round < 2; round++) { // the first round (a quarter as long) warms up
                Percentiles out = round == 0 ? new Percentiles() : windowSeeks;
                for (int i = 0; i < (round == 0 ? SEEKS / 4 : SEEKS); i++) {
                    long t = nextTime(random, model.session().cursor(), end, i);
                    long s = System.nanoTime();
                    model.seek(t);
                    window.applyCss();
                    window.layout();
                    out.add(System.nanoTime() - s);
                }
            }
            SequenceDiagramView diagram = window.sequence();
            int size = diagram.list().getItems().size();
            visibleRows[1] = size;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < (round == 0 ? SEEKS / 4 : SEEKS); i++) {
                    int row = random.nextInt(Math.max(1, size));
                    long s = System.nanoTime();
                    diagram.list().scrollTo(row);
                    diagram.applyCss();
                    diagram.layout();
                    long laidOut = System.nanoTime();
                    diagram.snapshot(null, null);
                    long rastered = System.nanoTime();
                    if (round == 1) {
                        scrolls.add(laidOut - s);
                        raster.add(rastered - laidOut);
                    }
                }
            }
            visibleRows[0] = (int) Math.ceil(diagram.list().getHeight() / diagram.list().getFixedCellSize());
            stage.close();
        });
        System.out.printf(Locale.ROOT, "  seek (window):   %s  (%d seeks on the FX thread: LabWindowViewModel.seek + CSS + layout)%n",
                windowSeeks.summaryMillis(), windowSeeks.count());
        System.out.printf(Locale.ROOT, "  diagram scroll:  %s  (scrollTo a random row of %,d + CSS + layout: about %d rows repainted)%n",
                scrolls.summaryMillis(), visibleRows[1], visibleRows[0]);
        System.out.printf(Locale.ROOT, "  diagram raster:  %s  (snapshot of the diagram's viewport after each scroll)%n", raster.summaryMillis());
        System.out.printf(Locale.ROOT, "  platform:        %s%n", FxPlatform.describe());
        System.out.println(windowSeeks.max() < 50_000_000L && plain.max() < 50_000_000L ? "  verdict:         PASS (every seek under 50 ms)"
                : "  verdict:         MISS (target: seek under 50 ms)");
        javafx.application.Platform.exit();
    }

    /** Even seeks jump anywhere; odd ones step up to one simulated second back or forward. */
    static long nextTime(SplittableRandom random, long cursor, long end, int i) {
        if (i % 2 == 0) return random.nextLong(end + 1);
        return Math.max(0, Math.min(end, cursor + random.nextLong(-SECOND, SECOND + 1)));
    }

    private static Percentiles seeks(LabSession session, SequenceViewModel rows, long end, SplittableRandom random, Percentiles out,
                                     Percentiles framePart) {
        for (int i = 0; i < SEEKS; i++) {
            long t = nextTime(random, session.cursor(), end, i);
            long s = System.nanoTime();
            session.seek(t);
            session.frame();
            framePart.add(System.nanoTime() - s);
            rows.showUpTo(session.cursor());
            out.add(System.nanoTime() - s);
        }
        return out;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
