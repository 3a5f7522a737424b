package dev.clusterlab.engine.target.pr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.target.pr.CorruptAptplStateException.Check;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The APTPL file format: what SPC-4 §5.13.5 says survives power loss, stored so damage is always detected. */
class AptplStateCodecProperties {
    private static final Path FILE = Path.of("/var/lib/clusterlab/aptpl-disk1.state");

    @Provide
    Arbitrary<PersistedReservations> states() { return AptplStates.states(); }

    @Property(tries = 500)
    @Label("SPC-4 §5.13.5: registrations (initiator, port, key) and the reservation read back exactly")
    void everyStateReadsBackExactlyAsSaved(@ForAll("states") PersistedReservations state) throws Exception {
        assertThat(AptplStateCodec.decode(AptplStateCodec.encode(state), FILE)).isEqualTo(state);
    }

    @Property(tries = 100)
    void everyTruncationOfAFileIsDetected(@ForAll("states") PersistedReservations state) {
        byte[] file = AptplStateCodec.encode(state);
        for (int len = 0; len < file.length; len++) {
            byte[] cut = Arrays.copyOf(file, len);
            assertThatThrownBy(() -> AptplStateCodec.decode(cut, FILE)).as("truncated to %d", len)
                    .isInstanceOf(CorruptAptplStateException.class);
        }
    }

    @Property(tries = 1000)
    void randomBitFlipsAreDetectedAndNeverMisread(@ForAll("states") PersistedReservations state,
                                                  @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> positions) {
        byte[] file = AptplStateCodec.encode(state);
        byte[] damaged = file.clone();
        for (int p : positions) {
            int bit = p % (file.length * 8);
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        if (Arrays.equals(damaged, file)) return; // flips cancelled out: nothing was damaged
        assertThatThrownBy(() -> AptplStateCodec.decode(damaged, FILE)).isInstanceOf(CorruptAptplStateException.class);
    }

    @Property(tries = 60)
    void everySingleBitFlipIsDetected(@ForAll("states") PersistedReservations state) {
        byte[] file = AptplStateCodec.encode(state);
        for (int bit = 0; bit < file.length * 8; bit++) {
            byte[] damaged = file.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> AptplStateCodec.decode(damaged, FILE)).as("bit %d", bit)
                    .isInstanceOf(CorruptAptplStateException.class);
        }
    }

    @Property(tries = 100)
    void bytesAppendedToAFileAreDetected(@ForAll("states") PersistedReservations state, @ForAll @Size(min = 1, max = 40) byte[] extra) {
        byte[] file = AptplStateCodec.encode(state);
        byte[] longer = Arrays.copyOf(file, file.length + extra.length);
        System.arraycopy(extra, 0, longer, file.length, extra.length);
        assertThat(catchThrowableOfType(CorruptAptplStateException.class, () -> AptplStateCodec.decode(longer, FILE)).check())
                .isEqualTo(Check.PAYLOAD_LENGTH);
    }

    @Property(tries = 2000)
    @Label("A payload with a valid CRC (a defective writer) either parses canonically or is reported, never throws anything else")
    void checksummedGarbageIsEitherCanonicalStateOrReportedAsMalformed(@ForAll @Size(max = 200) byte[] payload) {
        byte[] file = withHeader(AptplStateCodec.FORMAT_VERSION, payload);
        try {
            PersistedReservations state = AptplStateCodec.decode(file, FILE);
            assertThat(AptplStateCodec.encode(state)).isEqualTo(file);
        } catch (CorruptAptplStateException e) {
            assertThat(e.check()).isEqualTo(Check.PAYLOAD);
        }
    }

    @Test
    void aFileFromANewerClusterLabIsRefusedSayingSo() {
        byte[] file = withHeader(2, AptplStateCodec.encode(PersistedReservations.EMPTY), AptplStateCodec.HEADER_LENGTH);
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class, () -> AptplStateCodec.decode(file, FILE));
        assertThat(e.check()).isEqualTo(Check.NEWER_VERSION);
        assertThat(e.getMessage()).contains(FILE.toString(), "written by a newer ClusterLab (format 2)", "reads format 1")
                .doesNotContain("lost");
    }

    @Test
    void formatVersionZeroWasNeverWrittenAndIsRefused() {
        byte[] file = withHeader(0, AptplStateCodec.encode(PersistedReservations.EMPTY), AptplStateCodec.HEADER_LENGTH);
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class, () -> AptplStateCodec.decode(file, FILE));
        assertThat(e.check()).isEqualTo(Check.VERSION);
        assertThat(e.getMessage()).contains(FILE.toString(), "unknown format version", "format 0");
    }

    @Test
    void aFileThatIsNotAnAptplFileFailsTheMagicCheck() {
        byte[] text = "PR_REG_START: 0\ninitiator_fabric=iSCSI\n".getBytes(StandardCharsets.US_ASCII); // an LIO file
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class, () -> AptplStateCodec.decode(text, FILE));
        assertThat(e.check()).isEqualTo(Check.MAGIC);
        assertThat(e.getMessage()).contains(FILE.toString(), "magic", "persistent reservation information").contains("lost");
    }

    @Test
    void aDamagedPayloadFailsTheCrcCheckNamingBothValues() {
        byte[] file = AptplStateCodec.encode(AptplStates.small(0xA1));
        file[file.length - 1] ^= 0x01;
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class, () -> AptplStateCodec.decode(file, FILE));
        assertThat(e.check()).isEqualTo(Check.CRC);
        assertThat(e.getMessage()).contains(FILE.toString(), "CRC32C", "stored 0x", "computed 0x");
        assertThat(e.file()).isEqualTo(FILE);
    }

    @Test
    void anEmptyFileIsShorterThanTheHeader() {
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class, () -> AptplStateCodec.decode(new byte[0], FILE));
        assertThat(e.check()).isEqualTo(Check.HEADER_LENGTH);
    }

    @Test
    @DisplayName("Format 1 layout is pinned: header, one FC registration on RTPI 1, WERO reservation held by it")
    void formatOneLayoutIsStable() {
        byte[] file = AptplStateCodec.encode(AptplStates.small(0xA1));
        String payload = "00000001" + "0001" + "00000000000000A1" + "0018" + Bytes.hex(new TransportId.FibreChannel(0x2100_0024_ff00_0001L).encode())
                + "01" + "05" + "00" + "0001" + "01" + "0018" + Bytes.hex(new TransportId.FibreChannel(0x2100_0024_ff00_0001L).encode());
        int payloadLength = payload.length() / 2;
        CRC32C crc = new CRC32C();
        crc.update(Bytes.fromHex(payload));
        String header = "89434C415054504C" + "0001" + String.format("%08X", payloadLength) + String.format("%08X", crc.getValue());
        assertThat(Bytes.hex(file)).isEqualTo(header + payload);
    }

    @Test
    void prGenerationIsNotPartOfTheStoredState() {
        // SPC-4 §5.13.5: PRgeneration restarts at 0 after power loss, so the record has no field for it.
        assertThat(Arrays.stream(PersistedReservations.class.getRecordComponents()).map(c -> c.getName()).toList())
                .containsExactly("registrations", "reservation");
    }

    @Test
    void anIscsiTransportIdWithANegativeIsidIsMalformedNotACrash() {
        byte[] text = "iqn.x,i,0x-2".getBytes(StandardCharsets.US_ASCII);
        byte[] tid = new byte[24];
        tid[0] = 0x45;
        Bytes.put16(tid, 2, 20);
        System.arraycopy(text, 0, tid, 4, text.length);
        byte[] payload = new byte[4 + 12 + tid.length + 1];
        Bytes.put32(payload, 0, 1);
        Bytes.put16(payload, 4 + 10, tid.length);
        System.arraycopy(tid, 0, payload, 16, tid.length);
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class,
                () -> AptplStateCodec.decode(withHeader(1, payload), FILE));
        assertThat(e.check()).isEqualTo(Check.PAYLOAD);
    }

    @Test
    void aStateWhoseFieldsDoNotFitTheFormatIsRefusedAtSave() {
        TransportId a = new TransportId.Sas(1);
        assertThatThrownBy(() -> AptplStateCodec.encode(new PersistedReservations(
                List.of(new PersistedReservations.Registration(a, 0x10000, 1)), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative target port id");
        assertThat(Set.of(Check.values())).hasSize(7);
    }

    /** A file with a correct header (for {@code version}) around {@code payload}. */
    private static byte[] withHeader(int version, byte[] payload) { return withHeader(version, payload, 0); }

    private static byte[] withHeader(int version, byte[] source, int payloadOffset) {
        byte[] payload = Arrays.copyOfRange(source, payloadOffset, source.length);
        byte[] file = new byte[AptplStateCodec.HEADER_LENGTH + payload.length];
        byte[] magic = {(byte) 0x89, 'C', 'L', 'A', 'P', 'T', 'P', 'L'};
        System.arraycopy(magic, 0, file, 0, 8);
        Bytes.put16(file, 8, version);
        Bytes.put32(file, 10, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        Bytes.put32(file, 14, crc.getValue());
        System.arraycopy(payload, 0, file, AptplStateCodec.HEADER_LENGTH, payload.length);
        return file;
    }
}
