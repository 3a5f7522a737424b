package dev.clusterlab.engine.iscsi.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7143 §11: every PDU round-trips, and the fields sit at the offsets the RFC gives. */
class PduCodecTest {
    private static final byte[] DATA = {1, 2, 3, 4, 5};
    private static final long LUN = 0x0001_0000_0000_0000L;

    static Stream<Pdu> everyPdu() {
        byte[] cdb = new byte[16];
        cdb[0] = 0x28;
        return Stream.of(
                new Pdu.NopOut(true, LUN, 7, -1, 10, 20, DATA),
                new Pdu.ScsiCommand(false, true, true, false, 1, LUN, 8, 4096, 11, 21, cdb, DATA),
                new Pdu.TaskManagementRequest(true, 5, LUN, 9, 33, 12, 22, 13, 0),
                new Pdu.LoginRequest(true, false, 1, 3, 0, 0, 0x8012_3456_0000L, 0, 10, 1, 14, 0, DATA),
                new Pdu.TextRequest(false, true, false, 0, 11, -1, 15, 23, DATA),
                new Pdu.DataOut(true, LUN, 12, 99, 24, 3, 8192, DATA),
                new Pdu.LogoutRequest(true, 0, 13, 1, 16, 25),
                new Pdu.SnackRequest(1, LUN, 14, 5, 26, 2, 3),
                new Pdu.NopIn(LUN, 15, -1, 30, 40, 50, DATA),
                new Pdu.ScsiResponse(0x02, 0, 2, 16, 31, 41, 51, 3, 0, 219, DATA),
                new Pdu.TaskManagementResponse(1, 17, 32, 42, 52),
                new Pdu.LoginResponse(true, false, 1, 3, 0, 0, 0x8012_3456_0000L, 0x1234, 18, 33, 43, 53, 2, 1, DATA),
                new Pdu.TextResponse(true, false, 0, 19, -1, 34, 44, 54, DATA),
                new Pdu.DataIn(0x83, 0, LUN, 20, -1, 35, 45, 55, 2, 16384, 0, DATA, 0, DATA.length),
                new Pdu.LogoutResponse(0, 21, 36, 46, 56, 2, 20),
                new Pdu.ReadyToTransfer(LUN, 22, 77, 37, 47, 57, 1, 65536, 131072),
                new Pdu.AsyncMessage(LUN, 38, 48, 58, 1, 0, 3, 4, 5, DATA),
                new Pdu.Reject(4, 39, 49, 59, 0, new byte[48]));
    }

    private static ByteBuf encode(Pdu p, boolean hd, boolean dd) {
        ByteBuf b = Unpooled.buffer();
        PduCodec.encode(p, b, hd, dd);
        return b;
    }

    @ParameterizedTest
    @MethodSource("everyPdu")
    @DisplayName("§11: decode(encode(pdu)) is the same PDU, without and with CRC32C digests")
    void everyPduRoundTrips(Pdu pdu) {
        for (boolean digests : new boolean[] {false, true}) {
            ByteBuf b = encode(pdu, digests, digests);
            assertThat(b.readableBytes()).isEqualTo(PduCodec.encodedLength(pdu, digests, digests));
            assertThat(b.readableBytes() % 4).isZero();
            Object decoded = PduCodec.decodeFrame(b, digests, digests, 1 << 20);
            assertThat(decoded).usingRecursiveComparison().isEqualTo(pdu);
            assertThat(b.readableBytes()).isZero();
        }
    }

    @Test
    @DisplayName("§11.2.1: opcode, I bit, TotalAHSLength 0, 24-bit DataSegmentLength, LUN and ITT offsets")
    void commonHeaderFieldsAtTheirOffsets() {
        ByteBuf b = encode(new Pdu.NopOut(true, LUN, 0x01020304, -1, 5, 6, DATA), false, false);
        assertThat((int) b.getUnsignedByte(0)).isEqualTo(0x40);
        assertThat((int) b.getUnsignedByte(1)).isEqualTo(0x80);
        assertThat((int) b.getUnsignedByte(4)).isZero();
        assertThat(b.getUnsignedMedium(5)).isEqualTo(5);
        assertThat(b.getLong(8)).isEqualTo(LUN);
        assertThat(b.getInt(16)).isEqualTo(0x01020304);
        assertThat(b.getInt(20)).isEqualTo(-1);
        assertThat(b.getInt(24)).isEqualTo(5);
        assertThat(b.getInt(28)).isEqualTo(6);
        assertThat(b.readableBytes()).isEqualTo(48 + 8); // 5 bytes padded to 8
        assertThat(b.getByte(48 + 5)).isZero();
    }

    @Test
    @DisplayName("§11.3: SCSI Command flags F/R/W/ATTR at byte 1, EDTL 20, CmdSN 24, ExpStatSN 28, CDB 32..47")
    void scsiCommandOffsets() {
        byte[] cdb = new byte[16];
        cdb[0] = 0x2A;
        cdb[15] = 0x77;
        ByteBuf b = encode(new Pdu.ScsiCommand(true, false, false, true, 2, 0, 1, 512, 9, 10, cdb, Pdu.NO_DATA), false, false);
        assertThat((int) b.getUnsignedByte(0)).isEqualTo(0x41);
        assertThat((int) b.getUnsignedByte(1)).isEqualTo(0x22);
        assertThat(b.getInt(20)).isEqualTo(512);
        assertThat(b.getInt(24)).isEqualTo(9);
        assertThat(b.getInt(28)).isEqualTo(10);
        assertThat((int) b.getUnsignedByte(32)).isEqualTo(0x2A);
        assertThat((int) b.getUnsignedByte(47)).isEqualTo(0x77);
    }

    @Test
    @DisplayName("§11.4: SCSI Response residual bits U 0x02 / O 0x04 at byte 1, response 2, status 3, counts at 36/40/44")
    void scsiResponseOffsets() {
        ByteBuf b = encode(new Pdu.ScsiResponse(0x02, 0, 0x02, 3, 100, 101, 102, 4, 0, 219, Pdu.NO_DATA), false, false);
        assertThat((int) b.getUnsignedByte(0)).isEqualTo(0x21);
        assertThat((int) b.getUnsignedByte(1)).isEqualTo(0x82);
        assertThat((int) b.getUnsignedByte(2)).isZero();
        assertThat((int) b.getUnsignedByte(3)).isEqualTo(2);
        assertThat(b.getInt(24)).isEqualTo(100);
        assertThat(b.getInt(28)).isEqualTo(101);
        assertThat(b.getInt(32)).isEqualTo(102);
        assertThat(b.getInt(36)).isEqualTo(4);
        assertThat(b.getInt(44)).isEqualTo(219);
    }

    @Test
    @DisplayName("§11.7.2: Data-In with S carries status at byte 3, StatSN 24, DataSN 36, offset 40, residual 44")
    void dataInOffsets() {
        byte[] buf = new byte[100];
        buf[10] = 9;
        ByteBuf b = encode(new Pdu.DataIn(0x81 | 0x02, 0, LUN, 5, -1, 7, 8, 9, 3, 4096, 12, buf, 10, 20), false, false);
        assertThat((int) b.getUnsignedByte(0)).isEqualTo(0x25);
        assertThat((int) b.getUnsignedByte(1)).isEqualTo(0x83);
        assertThat(b.getUnsignedMedium(5)).isEqualTo(20);
        assertThat(b.getInt(24)).isEqualTo(7);
        assertThat(b.getInt(36)).isEqualTo(3);
        assertThat(b.getInt(40)).isEqualTo(4096);
        assertThat(b.getInt(44)).isEqualTo(12);
        assertThat(b.getByte(48)).isEqualTo((byte) 9); // the view starts at dataOffset
    }

    @Test
    @DisplayName("§11.12/§11.13: login flags T/C/CSG/NSG, versions, ISID 8..13, TSIH 14..15, CID 20, status 36/37")
    void loginOffsets() {
        ByteBuf req = encode(new Pdu.LoginRequest(true, false, 1, 3, 0, 0, 0x80AB_CDEF_0102L, 0, 1, 0x0203, 4, 5, Pdu.NO_DATA), false, false);
        assertThat((int) req.getUnsignedByte(0)).isEqualTo(0x43);
        assertThat((int) req.getUnsignedByte(1)).isEqualTo(0x87);
        assertThat((int) req.getUnsignedByte(8)).isEqualTo(0x80);
        assertThat((int) req.getUnsignedByte(13)).isEqualTo(0x02);
        assertThat(req.getUnsignedShort(14)).isZero();
        assertThat(req.getUnsignedShort(20)).isEqualTo(0x0203);
        ByteBuf rsp = encode(new Pdu.LoginResponse(false, false, 0, 1, 0, 0, 1, 0x0102, 1, 2, 3, 4, 2, 3, Pdu.NO_DATA), false, false);
        assertThat((int) rsp.getUnsignedByte(1)).isEqualTo(0x01);
        assertThat(rsp.getUnsignedShort(14)).isEqualTo(0x0102);
        assertThat((int) rsp.getUnsignedByte(36)).isEqualTo(2);
        assertThat((int) rsp.getUnsignedByte(37)).isEqualTo(3);
    }

    @Test
    @DisplayName("§11.8: R2T TTT 20, R2TSN 36, buffer offset 40, desired length 44, empty data segment")
    void r2tOffsets() {
        ByteBuf b = encode(new Pdu.ReadyToTransfer(0, 1, 0x55, 2, 3, 4, 6, 8192, 4096), false, false);
        assertThat((int) b.getUnsignedByte(0)).isEqualTo(0x31);
        assertThat(b.getInt(20)).isEqualTo(0x55);
        assertThat(b.getInt(36)).isEqualTo(6);
        assertThat(b.getInt(40)).isEqualTo(8192);
        assertThat(b.getInt(44)).isEqualTo(4096);
        assertThat(b.readableBytes()).isEqualTo(48);
    }

    @Test
    @DisplayName("§11.15/§11.17: Logout Response Time2Wait 40, Time2Retain 42; Reject reason at byte 2")
    void logoutResponseAndRejectOffsets() {
        ByteBuf b = encode(new Pdu.LogoutResponse(0, 1, 2, 3, 4, 2, 20), false, false);
        assertThat(b.getUnsignedShort(40)).isEqualTo(2);
        assertThat(b.getUnsignedShort(42)).isEqualTo(20);
        ByteBuf r = encode(new Pdu.Reject(0x09, 1, 2, 3, 0, new byte[48]), false, false);
        assertThat((int) r.getUnsignedByte(0)).isEqualTo(0x3F);
        assertThat((int) r.getUnsignedByte(2)).isEqualTo(0x09);
        assertThat(r.getInt(16)).isEqualTo(-1);
        assertThat(r.getUnsignedMedium(5)).isEqualTo(48);
    }

    @Test
    @DisplayName("§13.1: CRC32C digests are little-endian; the data digest covers the pad bytes")
    void digestsAreLittleEndianCrc32c() {
        ByteBuf b = encode(new Pdu.NopOut(false, 0, 1, -1, 0, 0, DATA), true, true);
        java.util.zip.CRC32C hdr = new java.util.zip.CRC32C();
        byte[] bhs = new byte[48];
        b.getBytes(0, bhs);
        hdr.update(bhs);
        assertThat(b.getIntLE(48)).isEqualTo((int) hdr.getValue());
        java.util.zip.CRC32C dat = new java.util.zip.CRC32C();
        dat.update(new byte[] {1, 2, 3, 4, 5, 0, 0, 0});
        assertThat(b.getIntLE(52 + 8)).isEqualTo((int) dat.getValue());
        // RFC 7143 appendix B.4: 32 bytes of zeros give aa 36 91 8a on the wire
        java.util.zip.CRC32C zeros = new java.util.zip.CRC32C();
        zeros.update(new byte[32]);
        ByteBuf le = Unpooled.buffer().writeIntLE((int) zeros.getValue());
        assertThat(new byte[] {le.getByte(0), le.getByte(1), le.getByte(2), le.getByte(3)})
                .containsExactly(0xaa, 0x36, 0x91, 0x8a);
    }

    @Test
    @DisplayName("§11.3.5: an extended-CDB AHS (type 1) extends the CDB beyond 16 bytes")
    void extendedCdbAhsExtendsTheCdb() {
        byte[] cdb = new byte[16];
        ByteBuf b = encode(new Pdu.ScsiCommand(false, true, false, false, 0, 0, 1, 0, 0, 0, cdb, Pdu.NO_DATA), false, false);
        ByteBuf withAhs = Unpooled.buffer();
        withAhs.writeBytes(b, 0, 48);
        withAhs.setByte(4, 5); // 20 bytes of AHS
        withAhs.writeShort(17).writeByte(1).writeByte(0); // AHSLength 17 = reserved + 16 CDB bytes
        for (int i = 0; i < 16; i++) withAhs.writeByte(0x10 + i);
        Pdu.ScsiCommand c = (Pdu.ScsiCommand) PduCodec.decodeFrame(withAhs, false, false, 8192);
        assertThat(c.cdb()).hasSize(32);
        assertThat(c.cdb()[16]).isEqualTo((byte) 0x10);
        assertThat(c.cdb()[31]).isEqualTo((byte) 0x1F);
    }

    @Test
    @DisplayName("an incomplete frame consumes nothing and yields nothing")
    void incompleteFrameWaits() {
        ByteBuf full = encode(new Pdu.NopOut(false, 0, 1, -1, 0, 0, DATA), false, false);
        ByteBuf part = full.copy(0, full.readableBytes() - 1);
        assertThat(PduCodec.decodeFrame(part, false, false, 8192)).isNull();
        assertThat(part.readerIndex()).isZero();
    }

    @Test
    @DisplayName("§7.8: a data segment over our MaxRecvDataSegmentLength is a fatal protocol error")
    void oversizedSegmentIsFatal() {
        ByteBuf b = encode(new Pdu.NopOut(false, 0, 1, -1, 0, 0, new byte[9000]), false, false);
        Object r = PduCodec.decodeFrame(b, false, false, 8192);
        assertThat(r).isInstanceOfSatisfying(DecodeError.class, e -> {
            assertThat(e.fatal()).isTrue();
            assertThat(e.rejectReason()).isEqualTo(Opcodes.REJECT_PROTOCOL_ERROR);
        });
    }

    @Test
    @DisplayName("§13.1: a bad header digest is fatal; a bad data digest is a Reject with reason 02h and the PDU is dropped")
    void digestMismatches() {
        ByteBuf b = encode(new Pdu.NopOut(false, 0, 1, -1, 0, 0, DATA), true, true);
        ByteBuf badHeader = b.copy();
        badHeader.setByte(48, badHeader.getByte(48) ^ 1);
        assertThat(((DecodeError) PduCodec.decodeFrame(badHeader, true, true, 8192)).fatal()).isTrue();
        ByteBuf badData = b.copy();
        badData.setByte(badData.writerIndex() - 1, badData.getByte(badData.writerIndex() - 1) ^ 1);
        DecodeError e = (DecodeError) PduCodec.decodeFrame(badData, true, true, 8192);
        assertThat(e.fatal()).isFalse();
        assertThat(e.rejectReason()).isEqualTo(Opcodes.REJECT_DATA_DIGEST_ERROR);
        assertThat(badData.readableBytes()).isZero();
    }

    @Test
    @DisplayName("§11.2.1.2: an undefined opcode is a non-fatal protocol error that consumes the frame")
    void invalidOpcodeIsRejected() {
        ByteBuf b = encode(new Pdu.NopOut(false, 0, 1, -1, 0, 0, DATA), false, false);
        b.setByte(0, 0x0B);
        DecodeError e = (DecodeError) PduCodec.decodeFrame(b, false, false, 8192);
        assertThat(e.fatal()).isFalse();
        assertThat(e.header()[0]).isEqualTo((byte) 0x0B);
        assertThat(b.readableBytes()).isZero();
    }

    @Test
    @DisplayName("§6.1: text is NUL-separated key=value pairs in UTF-8")
    void textRoundTrip() throws Exception {
        var pairs = List.of(new TextCodec.KeyValue("InitiatorName", "iqn.2026-01.x:ä"), new TextCodec.KeyValue("MaxConnections", "1"));
        byte[] enc = TextCodec.encode(pairs);
        assertThat(enc[enc.length - 1]).isZero();
        assertThat(TextCodec.parse(enc, 1024)).containsExactlyElementsOf(pairs);
    }

    @Test
    @DisplayName("§6.1: a pair without '=' or text over the limit is a format error")
    void textErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextCodec.parse("abc\0".getBytes(), 100))
                .isInstanceOf(TextCodec.TextFormatException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextCodec.parse(new byte[101], 100))
                .isInstanceOf(TextCodec.TextFormatException.class);
    }

    @Test
    @DisplayName("PduEncoder writes the same bytes as PduCodec, with digests once switched on")
    void nettyEncoderMatchesCodec() {
        Pdu p = new Pdu.NopIn(0, 1, -1, 2, 3, 4, DATA);
        PduEncoder encoder = new PduEncoder();
        io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel(encoder);
        ch.writeOutbound(p);
        encoder.digests(true, true);
        ch.writeOutbound(p);
        ByteBuf plain = ch.readOutbound(), digested = ch.readOutbound();
        assertThat(io.netty.buffer.ByteBufUtil.equals(plain, encode(p, false, false))).isTrue();
        assertThat(io.netty.buffer.ByteBufUtil.equals(digested, encode(p, true, true))).isTrue();
        plain.release();
        digested.release();
        ch.finishAndReleaseAll();
    }
}
