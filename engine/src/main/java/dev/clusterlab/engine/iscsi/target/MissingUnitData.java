package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LuIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Parameter data for the commands SPC-4 requires to work on a LUN with no logical unit behind it. */
final class MissingUnitData {
    private MissingUnitData() {}

    /** PERIPHERAL QUALIFIER 011b, PERIPHERAL DEVICE TYPE 1Fh: no logical unit here (SPC-4 §6.6.2). */
    static final int NOT_CAPABLE = 0x7F;

    /** INQUIRY: standard data (36 bytes) or, for EVPD=1, an empty page with the same qualifier. */
    static byte[] inquiry(byte[] cdb) {
        int allocation = cdb.length >= 5 ? Bytes.u16(cdb, 3) : 0;
        byte[] d;
        if ((cdb[1] & 1) != 0) {
            d = new byte[4];
            d[0] = (byte) NOT_CAPABLE;
            d[1] = cdb[2];
        } else {
            d = new byte[36];
            d[0] = (byte) NOT_CAPABLE;
            d[2] = 0x06; // SPC-4
            d[3] = 0x02; // RESPONSE DATA FORMAT 2
            d[4] = 31;
            ascii(d, 8, 8, LuIdentity.VENDOR);
            ascii(d, 16, 16, LuIdentity.PRODUCT);
            ascii(d, 32, 4, LuIdentity.REVISION);
        }
        return d.length > allocation ? Arrays.copyOf(d, allocation) : d;
    }

    /** REQUEST SENSE: the sense data itself says 25h/00h (SPC-4 §6.39: LOGICAL UNIT NOT SUPPORTED). */
    static byte[] requestSense(byte[] cdb) {
        int allocation = cdb.length >= 5 ? cdb[4] & 0xFF : 0;
        boolean descriptor = (cdb[1] & 1) != 0;
        byte[] d = SenseCodec.encode(SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED), descriptor);
        return d.length > allocation ? Arrays.copyOf(d, allocation) : d;
    }

    private static void ascii(byte[] d, int off, int width, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < width; i++) d[off + i] = i < b.length ? b[i] : (byte) ' ';
    }
}
