package dev.clusterlab.engine.scsi;

import java.util.OptionalLong;

/**
 * Sense data as the device server reports it: key, ASC/ASCQ and the optional fields the engine uses.
 * {@link SenseCodec} turns it into fixed (70h/71h) or descriptor (72h/73h) bytes and back.
 *
 * @param senseKeySpecific the 3-byte sense-key-specific field (SKSV set) or -1 when absent; for
 *     ILLEGAL REQUEST it points at the offending byte (SPC-4 §4.5.2.4.2)
 */
public record SenseData(SenseKey key, AdditionalSense additional, boolean current, OptionalLong information,
                        int senseKeySpecific) {

    public static SenseData of(SenseKey key, AdditionalSense additional) {
        return new SenseData(key, additional, true, OptionalLong.empty(), -1);
    }

    public static SenseData illegalRequest(AdditionalSense additional) {
        return of(SenseKey.ILLEGAL_REQUEST, additional);
    }

    /**
     * ILLEGAL REQUEST with a field pointer: SKSV=1, C/D says CDB (true) or parameter list, and bit
     * pointer (BPV) when {@code bit} is 0..7, otherwise -1 for the whole byte.
     */
    public static SenseData invalidField(AdditionalSense additional, boolean inCdb, int byteOffset, int bit) {
        int sks = 0x800000 | (inCdb ? 0x400000 : 0) | (byteOffset & 0xFFFF);
        if (bit >= 0 && bit <= 7) sks |= 0x080000 | (bit << 16);
        return new SenseData(SenseKey.ILLEGAL_REQUEST, additional, true, OptionalLong.empty(), sks);
    }

    public static SenseData unitAttention(AdditionalSense additional) {
        return of(SenseKey.UNIT_ATTENTION, additional);
    }

    public int asc() { return additional.asc(); }

    public int ascq() { return additional.ascq(); }

    public boolean hasSenseKeySpecific() { return senseKeySpecific >= 0; }

    @Override
    public String toString() {
        return key.label() + " " + additional;
    }
}
