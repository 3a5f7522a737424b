package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.target.LuIdentity;
import java.util.Arrays;

/**
 * The designation descriptor inside an Identification descriptor target descriptor (SPC-4 §6.3.6.2,
 * bytes 4-27, laid out as in VPD page 83h, §7.8.6.1).
 *
 * @param codeSet CODE SET (1h binary, 2h ASCII, 3h UTF-8)
 * @param association ASSOCIATION (0 = the logical unit)
 * @param type DESIGNATOR TYPE (3h = NAA)
 * @param value the DESIGNATOR, DESIGNATOR LENGTH bytes
 */
public record CopyTargetDesignator(int codeSet, int association, int type, byte[] value) {
    static final int CODE_SET_BINARY = 0x1, ASSOCIATION_LOGICAL_UNIT = 0x0, TYPE_NAA = 0x3;

    public CopyTargetDesignator { value = value.clone(); }

    @Override
    public byte[] value() { return value.clone(); }

    /** Whether this names the logical unit with {@code identity}: its NAA designator, binary, LU association. */
    public boolean names(LuIdentity identity) {
        return codeSet == CODE_SET_BINARY && association == ASSOCIATION_LOGICAL_UNIT && type == TYPE_NAA
                && Arrays.equals(value, identity.naa());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyTargetDesignator d && d.codeSet == codeSet && d.association == association
                && d.type == type && Arrays.equals(d.value, value);
    }

    @Override
    public int hashCode() { return 31 * (31 * (31 * codeSet + association) + type) + Arrays.hashCode(value); }

    @Override
    public String toString() {
        return "designator(type " + type + ", association " + association + ", code set " + codeSet + ", "
                + dev.clusterlab.engine.scsi.Bytes.hex(value) + ")";
    }
}
