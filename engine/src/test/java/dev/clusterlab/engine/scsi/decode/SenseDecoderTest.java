package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.decode.DecodedField.Severity;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SenseDecoderTest {

    private static DecodedField field(DecodedField root, String name) {
        DecodedField f = root.find(name);
        assertThat(f).as("field %s in%n%s", name, ScsiDecoder.render(root)).isNotNull();
        return f;
    }

    @Test
    @DisplayName("SPC-4 §4.5.3: fixed format key in byte 2, ASC/ASCQ in 12-13, named via Annex D")
    void fixedFormatNamesKeyAndAdditionalSense() {
        byte[] sense = SenseCodec.encodeFixed(SenseData.illegalRequest(AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION));
        DecodedField root = ScsiDecoder.decodeSense(sense);
        assertThat(root.name()).isEqualTo("Sense data (fixed format)");
        assertThat(root.value()).isEqualTo("ILLEGAL REQUEST, Invalid release of persistent reservation");
        assertThat(field(root, "Response code").value()).isEqualTo("Current error, fixed format (70h)");
        DecodedField key = field(root, "Sense key");
        assertThat(key.offset()).isEqualTo(2);
        assertThat(key.bitWidth()).isEqualTo(4);
        assertThat(key.value()).isEqualTo("ILLEGAL REQUEST (5h)");
        DecodedField additional = field(root, "Additional sense");
        assertThat(additional.offset()).isEqualTo(12);
        assertThat(additional.length()).isEqualTo(2);
        assertThat(additional.value()).isEqualTo("Invalid release of persistent reservation (26h/04h)");
        assertThat(field(root, "ASCQ").offset()).isEqualTo(13);
        assertThat(field(root, "SKSV").numeric()).hasValue(0);
    }

    @Test
    @DisplayName("SPC-4 §4.5.2.4.2: the field pointer gives C/D, BPV, bit pointer and byte")
    void fixedFormatFieldPointer() {
        DecodedField root = ScsiDecoder.decodeSense(SenseCodec.encodeFixed(SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_CDB, true, 2, 4)));
        DecodedField sks = field(root, "Sense key specific");
        assertThat(sks.offset()).isEqualTo(15);
        assertThat(sks.length()).isEqualTo(3);
        assertThat(sks.value()).isEqualTo("error in CDB byte 2 bit 4");
        assertThat(field(sks, "C/D").value()).isEqualTo("CDB (1h)");
        assertThat(field(sks, "BPV").numeric()).hasValue(1);
        assertThat(field(sks, "Bit pointer").numeric()).hasValue(4);
        assertThat(field(sks, "Bit pointer").bitWidth()).isEqualTo(3);
        assertThat(field(sks, "Field pointer").offset()).isEqualTo(16);
        assertThat(field(sks, "Field pointer").numeric()).hasValue(2);
    }

    @Test
    @DisplayName("SPC-4 §4.5.2: descriptor format header, then information and sense-key-specific descriptors")
    void descriptorFormat() {
        SenseData s = new SenseData(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, true,
                OptionalLong.of(0x1234), SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, 20, -1).senseKeySpecific());
        DecodedField root = ScsiDecoder.decodeSense(SenseCodec.encodeDescriptor(s));
        assertThat(root.name()).isEqualTo("Sense data (descriptor format)");
        assertThat(field(root, "Sense key").offset()).isEqualTo(1);
        assertThat(field(root, "Additional sense").offset()).isEqualTo(2);
        DecodedField info = field(root, "Descriptor 0");
        assertThat(info.value()).isEqualTo("Information (00h)");
        assertThat(info.offset()).isEqualTo(8);
        assertThat(info.length()).isEqualTo(12);
        assertThat(field(info, "Information").numeric()).hasValue(0x1234);
        DecodedField sksDescriptor = field(root, "Descriptor 1");
        assertThat(sksDescriptor.offset()).isEqualTo(20);
        DecodedField sks = field(sksDescriptor, "Sense key specific");
        assertThat(sks.offset()).isEqualTo(24);
        assertThat(sks.value()).isEqualTo("error in parameter data byte 20");
    }

    @Test
    @DisplayName("SPC-4 §4.5.2.4.3: NOT READY carries a progress indication")
    void progressIndication() {
        byte[] sense = SenseCodec.encodeFixed(new SenseData(SenseKey.NOT_READY, new AdditionalSense(0x04, 0x04), true, OptionalLong.empty(), 0x808000));
        DecodedField sks = field(ScsiDecoder.decodeSense(sense), "Sense key specific");
        assertThat(sks.value()).isEqualTo("progress 50%");
        assertThat(field(sks, "Progress indication").numeric()).hasValue(0x8000);
    }

    @Test
    void truncatedFixedSenseDecodesWhatIsThere() {
        byte[] sense = Arrays.copyOf(SenseCodec.encodeFixed(SenseData.unitAttention(AdditionalSense.RESERVATIONS_PREEMPTED)), 13);
        DecodedField root = ScsiDecoder.decodeSense(sense);
        assertThat(field(root, "Sense key").value()).isEqualTo("UNIT ATTENTION (6h)");
        assertThat(field(root, "Additional sense code").value()).isEqualTo("(truncated)");
        assertThat(field(root, "Truncated").note()).isEqualTo("truncated: sense data is 18 bytes, 13 present");
    }

    @Test
    @DisplayName("SPC-4 §4.5.3: bytes beyond ADDITIONAL SENSE LENGTH are not sense data")
    void bytesPastTheAdditionalSenseLengthAreSetApart() {
        byte[] sense = Arrays.copyOf(SenseCodec.encodeFixed(SenseData.illegalRequest(AdditionalSense.INVALID_FIELD_IN_CDB)), 32);
        sense[25] = 0x55;
        DecodedField root = ScsiDecoder.decodeSense(sense);
        assertThat(root.length()).isEqualTo(18);
        assertThat(field(root, "Bytes past the additional sense length").note()).isEqualTo("14 bytes ignored");
    }

    @Test
    void notSenseDataIsShownRaw() {
        DecodedField root = ScsiDecoder.decodeSense(new byte[] {0x12, 0x34});
        assertThat(root.name()).isEqualTo("Sense data (unknown format)");
        assertThat(field(root, "Data").value()).isEqualTo("34");
    }

    @Test
    void emptySenseIsTruncated() {
        DecodedField root = ScsiDecoder.decodeSense(new byte[0]);
        assertThat(root.children()).singleElement().extracting(DecodedField::severity).isEqualTo(Severity.NOTE);
    }
}
