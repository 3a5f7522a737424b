package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pcapng blocks as draft-ietf-opsawg-pcapng §3-§4 lays them out, parsed back. */
class PcapngWriterTest {

    private static byte[] written(IoAction action) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        action.run(new PcapngWriter(out));
        return out.toByteArray();
    }

    interface IoAction { void run(PcapngWriter w) throws IOException; }

    @Test
    void sectionHeaderStartsWithItsTypeAndTheByteOrderMagicInLittleEndian() throws IOException {
        byte[] b = written(w -> w.sectionHeader("test", List.of()));
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.getInt(0)).isEqualTo(0x0A0D0D0A);
        assertThat(new byte[] {b[8], b[9], b[10], b[11]}).containsExactly(0x4D, 0x3C, 0x2B, 0x1A);
        assertThat(buf.getShort(12)).isEqualTo((short) 1); // major version 1 (§4.1)
        assertThat(buf.getShort(14)).isEqualTo((short) 0);
        assertThat(buf.getLong(16)).isEqualTo(-1L); // section length not specified
    }

    @Test
    void everyBlockLengthIsAMultipleOfFourAndRepeatedAtItsEnd() throws IOException {
        byte[] b = written(w -> {
            w.sectionHeader("ClusterLab", List.of("odd comment."));
            w.interfaceDescription(PcapngWriter.LINKTYPE_ETHERNET, 65535, "if0", 9);
            w.enhancedPacket(0, 5, new byte[] {1, 2, 3, 4, 5}, List.of("abc"));
            w.enhancedPacket(0, 6, new byte[7], List.of());
        });
        PcapngBlocks blocks = PcapngBlocks.parse(b); // checks both length fields of every block
        assertThat(blocks.blocks()).extracting(PcapngBlocks.Block::type)
                .containsExactly(PcapngWriter.SECTION_HEADER, PcapngWriter.INTERFACE_DESCRIPTION,
                        PcapngWriter.ENHANCED_PACKET, PcapngWriter.ENHANCED_PACKET);
        assertThat(blocks.blocks()).allSatisfy(x -> assertThat(x.totalLength() % 4).isZero());
        assertThat(blocks.blocks().stream().mapToInt(PcapngBlocks.Block::totalLength).sum()).isEqualTo(b.length);
    }

    @Test
    void sectionHeaderCarriesCommentsAndTheApplicationName() throws IOException {
        PcapngBlocks.Block shb = PcapngBlocks.parse(written(w -> w.sectionHeader("ClusterLab", List.of("one", "two")))).blocks().get(0);
        assertThat(shb.comments()).containsExactly("one", "two");
        assertThat(shb.options()).anySatisfy(o -> {
            assertThat(o.code()).isEqualTo(PcapngWriter.SHB_USERAPPL);
            assertThat(o.text()).isEqualTo("ClusterLab");
        });
    }

    @Test
    void interfaceDescriptionDeclaresEthernetAndNanosecondTimestamps() throws IOException {
        PcapngBlocks.Block idb = PcapngBlocks.parse(written(w ->
                w.interfaceDescription(PcapngWriter.LINKTYPE_ETHERNET, 262144, "san", 9))).blocks().get(0);
        ByteBuffer body = ByteBuffer.wrap(idb.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(body.getShort(0)).isEqualTo((short) 1);
        assertThat(body.getInt(4)).isEqualTo(262144);
        assertThat(idb.options()).anySatisfy(o -> {
            assertThat(o.code()).isEqualTo(PcapngWriter.IF_TSRESOL);
            assertThat(o.value()).containsExactly(9);
        });
    }

    @Test
    void enhancedPacketKeepsFrameTimestampAndEachCommentAsItsOwnOption() throws IOException {
        long ts = 1_767_225_610_123_456_789L;
        PcapngBlocks.Block epb = PcapngBlocks.parse(written(w ->
                w.enhancedPacket(0, ts, new byte[] {9, 8, 7}, List.of("first", "zweite ü")))).blocks().get(0);
        assertThat(epb.packet()).containsExactly(9, 8, 7);
        assertThat(epb.timestamp()).isEqualTo(ts);
        assertThat(epb.comments()).containsExactly("first", "zweite ü");
    }

    @Test
    void packetWithoutCommentsHasNoOptionsAtAll() throws IOException {
        PcapngBlocks.Block epb = PcapngBlocks.parse(written(w -> w.enhancedPacket(0, 1, new byte[4], List.of()))).blocks().get(0);
        assertThat(epb.options()).isEmpty();
        assertThat(epb.totalLength()).isEqualTo(32 + 4);
    }
}
