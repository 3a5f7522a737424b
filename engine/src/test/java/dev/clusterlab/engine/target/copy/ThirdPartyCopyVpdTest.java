package dev.clusterlab.engine.target.copy;

import static dev.clusterlab.engine.target.TestLus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.CommandTable;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the disk advertises third-party copy: INQUIRY's 3PC bit and the Third-party Copy VPD page (SPC-4 §7.8.17). */
class ThirdPartyCopyVpdTest {
    private final LogicalUnit lu = TestLus.small();

    private byte[] inquiry(boolean evpd, int page) {
        ScsiResponse r = dataIn(lu, Cdbs.inquiry(evpd, page, 1024), 1024);
        assertGood(r);
        return r.dataIn();
    }

    @Test
    @DisplayName("SPC-4 §6.6.2: 3PC=1 in standard INQUIRY data, the disk serving EXTENDED COPY")
    void standardInquirySetsThreePc() {
        assertThat(inquiry(false, 0)[5] & 0x08).isEqualTo(0x08);
    }

    @Test
    void aTableWithoutExtendedCopyClearsThreePcAndHasNoPage8Fh() {
        CommandTable t = new CommandTable();
        for (CommandTable.Entry e : CommandTable.standard().entries())
            if (e.opcode() != 0x83 && e.opcode() != 0x84) t.add(e);
        LogicalUnit plain = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, BLOCKS)).commands(t).build();
        assertThat(dataIn(plain, Cdbs.inquiry(false, 0, 96), 96).dataIn()[5] & 0x08).isZero();
        byte[] pages = dataIn(plain, Cdbs.inquiry(true, 0, 255), 255).dataIn();
        assertThat(pages).doesNotContain((byte) 0x8F);
        assertInvalidCdbField(dataIn(plain, Cdbs.inquiry(true, 0x8F, 255), 255), 2, -1);
    }

    @Test
    @DisplayName("Supported Commands descriptor (0001h): 83h with 00h, 84h with 00h 01h 03h 04h, parsed as libiscsi does")
    void supportedCommandsDescriptorListsTheCopyCommands() {
        byte[] d = inquiry(true, 0x8F);
        assertThat(d[1] & 0xFF).isEqualTo(0x8F);
        assertThat(Bytes.u16(d, 2)).isEqualTo(d.length - 4);
        List<String> commands = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int off = 4; off < d.length; ) {
            int type = Bytes.u16(d, off), length = Bytes.u16(d, off + 2);
            assertThat(length % 4).as("descriptor length padded to 4").isZero();
            types.add(type);
            if (type == ThirdPartyCopyVpd.SUPPORTED_COMMANDS) {
                int remaining = d[off + 4] & 0xFF, p = off + 5;
                while (remaining > 0) {
                    StringBuilder s = new StringBuilder(Bytes.hexByte(d[p]) + ":");
                    int n = d[p + 1] & 0xFF;
                    for (int i = 0; i < n; i++) s.append(' ').append(Bytes.hexByte(d[p + 2 + i]));
                    commands.add(s.toString());
                    remaining -= n + 2;
                    p += n + 2;
                }
            }
            if (type == ThirdPartyCopyVpd.SUPPORTED_DESCRIPTORS)
                assertThat(new int[] {d[off + 4], d[off + 5] & 0xFF, d[off + 6] & 0xFF}).containsExactly(2, 0x02, 0xE4);
            off += 4 + length;
        }
        assertThat(types).containsExactly(ThirdPartyCopyVpd.SUPPORTED_COMMANDS, ThirdPartyCopyVpd.SUPPORTED_DESCRIPTORS);
        assertThat(commands).containsExactly("83: 00", "84: 00 01 03 04");
    }

    @Test
    @DisplayName("REPORT SUPPORTED OPERATION CODES lists EXTENDED COPY(LID1) and the four RECEIVE COPY RESULTS actions")
    void reportSupportedOperationCodesListsTheCopyCommands() {
        for (int[] c : new int[][] {{0x83, 0}, {0x84, 0}, {0x84, 1}, {0x84, 3}, {0x84, 4}}) {
            byte[] cdb = new byte[12];
            cdb[0] = (byte) 0xA3;
            cdb[1] = 0x0C;
            cdb[2] = 0x02; // one command, with service action
            cdb[3] = (byte) c[0];
            Bytes.put16(cdb, 4, c[1]);
            Bytes.put32(cdb, 6, 64);
            ScsiResponse r = dataIn(lu, cdb, 64);
            assertGood(r);
            assertThat(r.dataIn()[1] & 0x07).as("SUPPORT for %02X/%02X", c[0], c[1]).isEqualTo(3);
        }
    }
}
