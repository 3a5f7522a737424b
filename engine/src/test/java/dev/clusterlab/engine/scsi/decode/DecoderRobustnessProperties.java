package dev.clusterlab.engine.scsi.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Opcode;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Bad input never crashes a decoder (DESIGN.md, quality habits): any bytes, any length, including
 * none, decode to a tree whose every field lies inside the buffer that was decoded.
 */
class DecoderRobustnessProperties {

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(80);
    }

    /** Random bytes that start with a real opcode, so every layout is exercised at every length. */
    @Provide
    Arbitrary<byte[]> cdbs() {
        int[] ops = Arrays.stream(Opcode.class.getFields())
                .filter(f -> !f.getName().startsWith("SAI_") && !f.getName().startsWith("MI_"))
                .mapToInt(f -> { try { return f.getInt(null); } catch (IllegalAccessException e) { throw new AssertionError(e); } })
                .toArray();
        return Arbitraries.integers().between(0, ops.length - 1).flatMap(i -> Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(20)
                .map(rest -> {
                    byte[] c = new byte[rest.length + 1];
                    c[0] = (byte) ops[i];
                    System.arraycopy(rest, 0, c, 1, rest.length);
                    return c;
                }));
    }

    /** PR IN data that starts with a plausible header, so list walking is exercised, then random. */
    @Provide
    Arbitrary<byte[]> prInData() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(120).map(b -> {
            if (b.length >= 8) { b[4] = 0; b[5] = 0; b[6] = 0; }
            return b;
        });
    }

    @Property
    void cdbDecoderNeverThrowsAndStaysInsideTheCdb(@ForAll("cdbs") byte[] cdb) {
        assertInside(ScsiDecoder.decodeCdb(cdb), cdb.length);
        assertThat(ScsiDecoder.summarize(cdb, cdb)).isNotEmpty();
        assertThat(ScsiDecoder.render(ScsiDecoder.decodeCdb(cdb))).isNotEmpty();
    }

    @Property
    void cdbDecoderHandlesAnyBytes(@ForAll("anyBytes") byte[] cdb) {
        assertInside(ScsiDecoder.decodeCdb(cdb), cdb.length);
        assertThat(ScsiDecoder.summarize(cdb, null)).isNotEmpty();
    }

    @Property
    void prOutParameterDecoderNeverThrows(@ForAll @IntRange(min = 0, max = 0x1F) int serviceAction,
                                          @ForAll("anyBytes") byte[] params, @ForAll boolean specIpt) {
        if (specIpt && params.length > 27) {
            params[20] |= 0x08;
            params[24] = 0;
            params[25] = 0;
        }
        byte[] cdb = dev.clusterlab.engine.scsi.Cdbs.persistentReserveOut(serviceAction, 0, 0, params.length);
        DecodedField root = ScsiDecoder.decodePrOutParameters(cdb, params);
        assertInside(root, params.length);
        assertThat(ScsiDecoder.render(root)).isNotEmpty();
        assertThat(ScsiDecoder.summarize(cdb, params)).startsWith("PR OUT");
    }

    @Property
    void prOutParameterDecoderAcceptsAnyCdb(@ForAll("anyBytes") byte[] cdb, @ForAll("anyBytes") byte[] params) {
        assertInside(ScsiDecoder.decodePrOutParameters(cdb, params), params.length);
    }

    @Property
    void prInResponseDecoderNeverThrows(@ForAll @IntRange(min = 0, max = 0x1F) int serviceAction,
                                        @ForAll("prInData") byte[] data, @ForAll @IntRange(min = 0, max = 0xFFFF) int allocation) {
        byte[] cdb = dev.clusterlab.engine.scsi.Cdbs.persistentReserveIn(serviceAction, allocation);
        DecodedField root = ScsiDecoder.decodePrInResponse(cdb, data);
        assertInside(root, data.length);
        assertThat(ScsiDecoder.render(root)).isNotEmpty();
    }

    @Property
    void prInResponseDecoderAcceptsAnyCdb(@ForAll("anyBytes") byte[] cdb, @ForAll("anyBytes") byte[] data) {
        assertInside(ScsiDecoder.decodePrInResponse(cdb, data), data.length);
    }

    @Property
    void senseDecoderNeverThrows(@ForAll("anyBytes") byte[] sense, @ForAll @IntRange(min = 0x70, max = 0x73) int responseCode,
                                 @ForAll boolean forceCode) {
        if (forceCode && sense.length > 0) sense[0] = (byte) responseCode;
        DecodedField root = ScsiDecoder.decodeSense(sense);
        assertInside(root, sense.length);
        assertThat(ScsiDecoder.render(root)).isNotEmpty();
    }

    @Property
    void transportIdDecoderNeverThrows(@ForAll @Size(max = 60) byte[] bytes, @ForAll @IntRange(min = 0, max = 3) int format,
                                       @ForAll @IntRange(min = 0, max = 15) int protocol, @ForAll @IntRange(min = -4, max = 100) int available) {
        if (bytes.length > 0) bytes[0] = (byte) (format << 6 | protocol);
        assertInside(TransportIdDecoder.decode("TransportID", bytes, 0, available), bytes.length);
    }

    @Example
    void nullBuffersDecodeToEmptyTrees() {
        assertInside(ScsiDecoder.decodeCdb(null), 0);
        assertInside(ScsiDecoder.decodeSense(null), 0);
        assertInside(ScsiDecoder.decodePrInResponse(null, null), 0);
        assertInside(ScsiDecoder.decodePrOutParameters(null, null), 0);
        assertThat(ScsiDecoder.summarize(null, null)).isEqualTo("(empty CDB)");
        assertThat(ScsiDecoder.render(null)).isEmpty();
    }

    /** Every field's [offset, offset+length) lies in [0, size]; bit fields fit the bytes they claim. */
    static void assertInside(DecodedField root, int size) {
        assertThat(root).isNotNull();
        for (DecodedField f : root.flatten()) {
            assertThat(f.offset()).as("offset of %s", f.name()).isBetween(0, size);
            assertThat(f.length()).as("length of %s", f.name()).isGreaterThanOrEqualTo(0);
            assertThat(f.end()).as("end of %s", f.name()).isLessThanOrEqualTo(size);
            if (f.isBitField()) assertThat(f.bitOffset() + f.bitWidth()).as("bits of %s", f.name()).isLessThanOrEqualTo(Math.max(f.length(), 1) * 8);
        }
    }
}
