package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.Opcode;

/**
 * CDB checks for SPC-2 RESERVE/RELEASE(6/10) (SPC-2 §7.21-7.24). Only the plain logical-unit form is
 * supported: third-party reservations (3RDPTY and its device ID), extents (obsolete) and LONGID
 * are rejected with 24h/00h pointing at the field, as QEMU and SCST do.
 */
final class Spc2Reservations {
    private Spc2Reservations() {}

    static void validate(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        boolean ten = op == Opcode.RESERVE_10 || op == Opcode.RELEASE_10;
        if (cdb.length < (ten ? 10 : 6)) throw CheckCondition.invalidFieldInCdb(0, -1);
        int b1 = cdb[1] & 0xFF;
        if ((b1 & 0x10) != 0) throw CheckCondition.invalidFieldInCdb(1, 4); // 3RDPTY
        if (ten) {
            if ((b1 & 0x02) != 0) throw CheckCondition.invalidFieldInCdb(1, 1); // LONGID
            if ((b1 & 0x01) != 0) throw CheckCondition.invalidFieldInCdb(1, 0); // EXTENT (obsolete)
            if (cdb[3] != 0) throw CheckCondition.invalidFieldInCdb(3, -1); // THIRD-PARTY DEVICE ID
            if (cdb[7] != 0 || cdb[8] != 0) throw CheckCondition.invalidFieldInCdb(7, -1); // PARAMETER LIST LENGTH
        } else {
            if ((b1 & 0x0E) != 0) throw CheckCondition.invalidFieldInCdb(1, 3); // THIRD-PARTY DEVICE ID
            if ((b1 & 0x01) != 0) throw CheckCondition.invalidFieldInCdb(1, 0); // EXTENT (obsolete)
            if (cdb[3] != 0 || cdb[4] != 0) throw CheckCondition.invalidFieldInCdb(3, -1); // EXTENT LIST LENGTH
        }
    }
}
