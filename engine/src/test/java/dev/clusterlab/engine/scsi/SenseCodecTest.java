package dev.clusterlab.engine.scsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPC-4 §4.5: fixed (70h/71h) and descriptor (72h/73h) sense data. */
class SenseCodecTest {

    @Provide
    Arbitrary<SenseData> senses() {
        Arbitrary<SenseKey> key = Arbitraries.of(SenseKey.class);
        Arbitrary<AdditionalSense> additional = Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255))
                .as(AdditionalSense::new);
        Arbitrary<OptionalLong> info = Arbitraries.longs().between(0, 0xFFFF_FFFFL).injectNull(0.4)
                .map(v -> v == null ? OptionalLong.empty() : OptionalLong.of(v));
        Arbitrary<Integer> sks = Arbitraries.integers().between(0, 0x7FFFFF).map(v -> v | 0x800000).injectNull(0.4);
        return Combinators.combine(key, additional, Arbitraries.of(true, false), info, sks)
                .as((k, a, current, i, s) -> new SenseData(k, a, current, i, s == null ? -1 : s));
    }

    @Property
    void fixedFormatRoundTrips(@ForAll("senses") SenseData s) {
        byte[] b = SenseCodec.encodeFixed(s);
        assertThat(SenseCodec.decode(b, b.length)).isEqualTo(s);
    }

    @Property
    void descriptorFormatRoundTrips(@ForAll("senses") SenseData s) {
        byte[] b = SenseCodec.encodeDescriptor(s);
        assertThat(SenseCodec.decode(b, b.length)).isEqualTo(s);
    }

    @Property
    void descriptorFormatCarriesSixtyFourBitInformation(@ForAll long information) {
        SenseData s = new SenseData(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR, true, OptionalLong.of(information), -1);
        byte[] b = SenseCodec.encodeDescriptor(s);
        assertThat(SenseCodec.decode(b, b.length)).isEqualTo(s);
    }

    @Property
    void decodeNeverThrowsOnGarbage(@ForAll byte[] buf, @ForAll @IntRange(min = -5, max = 300) int len) {
        SenseData s = SenseCodec.decode(buf, len);
        if (s != null) assertThat(buf[0] & 0x7F).isBetween(0x70, 0x73);
    }

    @Property
    void truncatedSenseDecodesItsKeyOrNothing(@ForAll("senses") SenseData s, @ForAll boolean descriptor,
                                              @ForAll @IntRange(min = 0, max = 40) int cut) {
        byte[] b = SenseCodec.encode(s, descriptor);
        SenseData d = SenseCodec.decode(b, Math.min(cut, b.length));
        int keyAt = descriptor ? 1 : 2;
        if (Math.min(cut, b.length) > keyAt) assertThat(d).isNotNull().extracting(SenseData::key).isEqualTo(s.key());
        else assertThat(d).isNull();
    }

    @Test
    @DisplayName("SPC-4 §4.5.3: without VALID the INFORMATION field is not reported")
    void fixedInformationNeedsTheValidBit() {
        byte[] b = SenseCodec.encodeFixed(SenseData.illegalRequest(AdditionalSense.INVALID_FIELD_IN_CDB));
        b[3] = 0x12;
        SenseData d = SenseCodec.decode(b, b.length);
        assertThat(d.information()).isEmpty();
        assertThat(d.additional()).isEqualTo(AdditionalSense.INVALID_FIELD_IN_CDB);
    }

    @Test
    @DisplayName("SPC-4 §4.5.3: response code 71h is a deferred error")
    void deferredErrorIsNotCurrent() {
        SenseData s = new SenseData(SenseKey.HARDWARE_ERROR, new AdditionalSense(0x44, 0), false, OptionalLong.empty(), -1);
        assertThat(SenseCodec.decode(SenseCodec.encodeFixed(s), 18).current()).isFalse();
        assertThat(SenseCodec.decode(SenseCodec.encodeDescriptor(s), 8).current()).isFalse();
    }

    @Test
    void fieldPointerSurvivesTheRoundTrip() {
        SenseData s = SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, 3);
        SenseData d = SenseCodec.decode(SenseCodec.encodeFixed(s), 18);
        assertThat(d.senseKeySpecific()).isEqualTo(0x8B0014);
    }

    @Test
    void fixedFieldsPastTheAdditionalSenseLengthAreIgnored() {
        byte[] b = SenseCodec.encodeFixed(SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_CDB, true, 1, -1));
        b[7] = 6; // sense data ends at byte 13: the sense-key-specific bytes are not part of it
        SenseData d = SenseCodec.decode(b, b.length);
        assertThat(d.additional()).isEqualTo(AdditionalSense.INVALID_FIELD_IN_CDB);
        assertThat(d.hasSenseKeySpecific()).isFalse();
    }

    @Test
    void notSenseDataDecodesToNull() {
        assertThat(SenseCodec.decode(new byte[] {0x00, 0x05, 0x24, 0x00}, 4)).isNull();
        assertThat(SenseCodec.decode(null, 18)).isNull();
        assertThat(SenseCodec.decode(new byte[0], 0)).isNull();
    }
}
