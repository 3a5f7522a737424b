package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pcap/pcapng reader on its own. */
class PcapReaderTest {
    private static final List<CaptureImportFixtures.Frame> FRAMES = List.of(new CaptureImportFixtures.Frame(1_500_000, new byte[] {1, 2, 3}),
            new CaptureImportFixtures.Frame(2_000_001, new byte[] {4, 5}));

    @Test
    void microsecondPcapTimestampsBecomeNanoseconds() throws Exception {
        PcapReader.Packets p = PcapReader.read(CaptureImportFixtures.pcap(1, FRAMES, ByteOrder.BIG_ENDIAN, false));
        assertThat(p.packets()).extracting(CapturedPacket::timeNanos).containsExactly(1_500_000_000L, 2_000_001_000L);
        assertThat(p.packets().get(1).frame()).containsExactly(4, 5);
        assertThat(p.problem()).isNull();
    }

    @Test
    void pcapngInterfaceResolutionAndLinkTypeApply() throws Exception {
        PcapReader.Packets p = PcapReader.read(CaptureImportFixtures.pcapng(ByteOrder.LITTLE_ENDIAN, new int[] {1, 276}, FRAMES, new int[] {0, 1}));
        assertThat(p.packets()).extracting(CapturedPacket::linkType).containsExactly(1, 276);
        assertThat(p.packets()).extracting(CapturedPacket::timeNanos).containsExactly(1_500_000_000L, 2_000_001_000L);
    }

    @Test
    void truncatedPcapngKeepsTheWholeBlocks() throws Exception {
        byte[] whole = CaptureImportFixtures.pcapng(ByteOrder.BIG_ENDIAN, new int[] {1}, FRAMES, new int[] {0, 0});
        PcapReader.Packets p = PcapReader.read(java.util.Arrays.copyOf(whole, whole.length - 5));
        assertThat(p.packets()).hasSize(1);
        assertThat(p.problem()).contains("truncated");
    }

    @Test
    void unknownMagicIsNotACapture() {
        assertThatThrownBy(() -> PcapReader.read(new byte[] {'P', 'K', 3, 4, 0, 0})).isInstanceOf(PcapReader.NotACaptureException.class);
    }
}
