package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Damaged captures never crash the import: they are refused with a one-line message or imported as far as they go. */
class CaptureImportProperties {
    private static final byte[] GOOD = goodCapture();

    private static byte[] goodCapture() {
        CaptureImportFixtures.Connection c = new CaptureImportFixtures.Connection(CaptureImportFixtures.Link.ETHERNET).handshake();
        byte[][] p = CaptureImportFixtures.session();
        for (int i = 0; i < p.length; i++) c.send(i % 2 == 0, p[i], 2);
        return CaptureImportFixtures.pcap(1, c.frames, ByteOrder.LITTLE_ENDIAN, false);
    }

    private static void importNeverCrashes(byte[] bytes) {
        try {
            CaptureImport.Result r = CaptureImport.read("fuzz.pcap", bytes);
            CaptureComparison.compare(r);
            assertThat(r.trace().events()).hasSameSizeAs(r.events());
        } catch (CaptureImport.CaptureImportException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    @Property(tries = 300)
    void corruptedBytesAreImportedOrRefusedNeverThrown(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
                                                      @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 0, max = 255) Integer> values) {
        byte[] bytes = GOOD.clone();
        for (int i = 0; i < positions.size(); i++) {
            int at = 24 + positions.get(i) % (bytes.length - 24); // keep the file header, damage the packets
            bytes[at] = (byte) (int) values.get(i);
        }
        importNeverCrashes(bytes);
    }

    @Property(tries = 200)
    void truncationAnywhereIsImportedOrRefusedNeverThrown(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
        importNeverCrashes(java.util.Arrays.copyOf(GOOD, cut % (GOOD.length + 1)));
    }
}
