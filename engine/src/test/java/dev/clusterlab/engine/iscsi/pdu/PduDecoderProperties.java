package dev.clusterlab.engine.iscsi.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The decoder's contract for hostile input: it emits PDUs or DecodeErrors, and never throws. */
class PduDecoderProperties {

    private static void feed(byte[] bytes, int chunk, boolean digests) {
        PduDecoder decoder = new PduDecoder(8192);
        decoder.digests(digests, digests);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        for (int i = 0; i < bytes.length; i += chunk)
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        Object o;
        while ((o = ch.readInbound()) != null) assertThat(o).isInstanceOfAny(Pdu.class, DecodeError.class);
        ch.finishAndReleaseAll();
    }

    @Property(tries = 500)
    void randomStreamsNeverThrow(@ForAll @Size(max = 2000) byte[] bytes, @ForAll @IntRange(min = 1, max = 300) int chunk,
                                 @ForAll boolean digests) {
        feed(bytes, chunk, digests);
    }

    @Provide
    Arbitrary<byte[]> validStreams() {
        return Arbitraries.of(PduCodecTest.everyPdu().toList()).list().ofMinSize(1).ofMaxSize(6).map(list -> {
            ByteBuf b = Unpooled.buffer();
            for (Pdu p : list) PduCodec.encode(p, b, false, false);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        });
    }

    @Property(tries = 500)
    void mutatedValidStreamsNeverThrow(@ForAll("validStreams") byte[] stream, @ForAll @IntRange(min = 0, max = 10_000) int pos,
                                       @ForAll byte value, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        byte[] m = stream.clone();
        m[pos % m.length] = value;
        feed(m, chunk, false);
    }

    @Property(tries = 300)
    void truncatedStreamsNeverThrow(@ForAll("validStreams") byte[] stream, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        feed(java.util.Arrays.copyOf(stream, cut % (stream.length + 1)), 7, false);
    }

    @Property(tries = 300)
    void validStreamsDecodeToTheSamePduCount(@ForAll("validStreams") byte[] stream, @ForAll @IntRange(min = 1, max = 100) int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(8192));
        for (int i = 0; i < stream.length; i += chunk)
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
        int n = 0;
        Object o;
        while ((o = ch.readInbound()) != null) {
            assertThat(o).isInstanceOf(Pdu.class);
            n++;
        }
        int expected = 0;
        ByteBuf b = Unpooled.wrappedBuffer(stream);
        while (b.isReadable()) { b.skipBytes(PduCodec.frameLength(b, b.readerIndex(), false, false)); expected++; }
        assertThat(n).isEqualTo(expected);
    }

    @Property(tries = 200)
    void oversizedLengthsAreFatalAndStopDecoding(@ForAll @IntRange(min = 8193, max = 0xFFFFFF) int dsl) {
        byte[] bhs = new byte[48 + 48];
        bhs[5] = (byte) (dsl >>> 16);
        bhs[6] = (byte) (dsl >>> 8);
        bhs[7] = (byte) dsl;
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(8192));
        ch.writeInbound(Unpooled.wrappedBuffer(bhs));
        assertThat((Object) ch.readInbound()).isInstanceOfSatisfying(DecodeError.class, e -> assertThat(e.fatal()).isTrue());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[48]));
        assertThat((Object) ch.readInbound()).isNull();
    }
}
