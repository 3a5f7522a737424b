package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import org.junit.jupiter.api.Test;

class FieldRendererTest {

    @Test
    void rendersOffsetsNamesValuesAndRawBytesIndented() {
        String text = ScsiDecoder.render(ScsiDecoder.decodeCdb(Cdbs.persistentReserveOut(PrOutAction.PREEMPT_AND_ABORT, 0, 5, 24)));
        assertThat(text).isEqualTo("""
                [0-9]    PERSISTENT RESERVE OUT CDB: 10 bytes
                [0]        Operation code: PERSISTENT RESERVE OUT (5Fh)
                [1].0-4    Service action: PREEMPT AND ABORT (05h)
                [2].4-7    Scope: LU_SCOPE (0h)
                [2].0-3    Type: Write Exclusive, registrants only (5h)
                [5-8]      Parameter list length: 24  (00 00 00 18)
                [9]        Control: 00h
                [9].6-7      Vendor specific: 0
                [9].2        NACA: 0
                """);
    }

    @Test
    void notesFollowTheirField() {
        byte[] cdb = Cdbs.testUnitReady();
        cdb[2] = 0x01;
        assertThat(ScsiDecoder.render(ScsiDecoder.decodeCdb(cdb))).contains("[2]        Reserved: 01h  -- warning: reserved field is not zero\n");
    }

    @Test
    void positionsNameBytesAndBits() {
        DecodedField lba = ScsiDecoder.decodeCdb(Cdbs.read6(1, 1)).find("Logical block address");
        assertThat(FieldRenderer.position(lba)).isEqualTo("[1-3].0-20");
        DecodedField fua = ScsiDecoder.decodeCdb(Cdbs.read10(1, 1)).find("FUA");
        assertThat(FieldRenderer.position(fua)).isEqualTo("[1].3");
    }
}
