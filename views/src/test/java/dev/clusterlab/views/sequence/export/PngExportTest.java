package dev.clusterlab.views.sequence.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The PNG export: the layout's size, real drawing (not a blank canvas), a valid PNG header. */
class PngExportTest {

    /**
     * TestFX starts the toolkit, as for the window's journey tests that share this JVM: when
     * HeadlessFx started it first (Platform.startup), a later journey test's robot click missed its
     * row (SequenceInspectorJourneyTest).
     */
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void thePictureHasTheLayoutsSizeAndShowsArrowsInTheOutcomeColours() {
        SequenceDiagram diagram = HandBuiltTimeline.diagram();
        DiagramLayout layout = new DiagramLayout(diagram);
        WritableImage image = PngExport.render(diagram);
        assertThat((int) image.getWidth()).isEqualTo((int) Math.ceil(layout.width()));
        assertThat((int) image.getHeight()).isEqualTo((int) Math.ceil(layout.height()));
        PixelReader pixels = image.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) colours.add(pixels.getArgb(x, y) & 0xFFFFFF);
        }
        assertThat(colours).contains(0x1e9e3e, 0xd62020, 0xe09b00); // GOOD, RESERVATION CONFLICT, CHECK CONDITION arrows
        assertThat(colours.size()).isGreaterThan(10);
    }

    @Test
    void theFileIsAPngOfThatSize() throws Exception {
        SequenceDiagram diagram = HandBuiltTimeline.diagram();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngExport.Result result = PngExport.write(diagram, out);
        byte[] png = out.toByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8);
        assertThat(ihdr.getInt()).isEqualTo(result.width());
        assertThat(ihdr.getInt()).isEqualTo(result.height());
        assertThat(result.rowsShown()).isEqualTo(result.rowsTotal()).isEqualTo(5);
    }
}
