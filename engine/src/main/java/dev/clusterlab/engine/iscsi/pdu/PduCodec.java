package dev.clusterlab.engine.iscsi.pdu;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32C;

/**
 * The iSCSI wire format (RFC 7143 §11): 48-byte Basic Header Segment, optional AHS, optional header
 * digest, data segment padded to 4 bytes, optional data digest. Everything is big-endian except the
 * CRC32C digests, which go on the wire least-significant byte first (§13.1, and what libiscsi and
 * Linux send). Pure functions over {@link ByteBuf}; the Netty handlers and the test initiator share them.
 */
public final class PduCodec {
    private PduCodec() {}

    public static final int BHS_LENGTH = 48;
    public static final int DIGEST_LENGTH = 4;
    /** AHS type 1: extended CDB (§11.2.2.3). */
    private static final int AHS_EXTENDED_CDB = 1;

    // ------------------------------------------------------------------------------------ framing

    /**
     * Total bytes of the frame that starts at {@code index}, from its first 48 bytes.
     *
     * @return the frame length, or -1 when fewer than 48 bytes are readable
     */
    public static int frameLength(ByteBuf in, int index, boolean headerDigest, boolean dataDigest) {
        if (in.writerIndex() - index < BHS_LENGTH) return -1;
        int ahs = in.getUnsignedByte(index + 4) * 4;
        int dsl = in.getUnsignedMedium(index + 5);
        return BHS_LENGTH + ahs + (headerDigest ? DIGEST_LENGTH : 0) + padded(dsl)
                + (dataDigest && dsl > 0 ? DIGEST_LENGTH : 0);
    }

    /** {@code n} rounded up to a multiple of 4 (§11.2.3: the data segment is padded). */
    public static int padded(int n) { return (n + 3) & ~3; }

    /**
     * Decodes one frame from {@code in} if it is complete: returns null (nothing consumed) when more
     * bytes are needed, otherwise consumes the frame and returns a {@link Pdu} or a {@link DecodeError}.
     * A fatal error consumes nothing; the caller must stop decoding the stream.
     */
    public static Object decodeFrame(ByteBuf in, boolean headerDigest, boolean dataDigest, int maxDataSegment) {
        int start = in.readerIndex();
        if (in.readableBytes() < BHS_LENGTH) return null;
        int ahsLength = in.getUnsignedByte(start + 4) * 4;
        int dsl = in.getUnsignedMedium(start + 5);
        if (dsl > maxDataSegment)
            return new DecodeError(Opcodes.REJECT_PROTOCOL_ERROR, header(in, start), true,
                    "data segment of " + dsl + " bytes exceeds MaxRecvDataSegmentLength " + maxDataSegment);
        int total = frameLength(in, start, headerDigest, dataDigest);
        if (in.readableBytes() < total) return null;
        int hdrEnd = start + BHS_LENGTH + ahsLength;
        if (headerDigest) {
            int expected = crc(in, start, BHS_LENGTH + ahsLength);
            if (in.getIntLE(hdrEnd) != expected)
                return new DecodeError(Opcodes.REJECT_PROTOCOL_ERROR, header(in, start), true, "header digest mismatch");
            hdrEnd += DIGEST_LENGTH;
        }
        byte[] data = dsl == 0 ? Pdu.NO_DATA : new byte[dsl];
        if (dsl > 0) in.getBytes(hdrEnd, data);
        if (dataDigest && dsl > 0) {
            int expected = crc(in, hdrEnd, padded(dsl));
            if (in.getIntLE(hdrEnd + padded(dsl)) != expected) {
                byte[] h = header(in, start);
                in.skipBytes(total);
                return new DecodeError(Opcodes.REJECT_DATA_DIGEST_ERROR, h, false, "data digest mismatch");
            }
        }
        Pdu pdu = decodeHeader(in, start, ahsLength, data);
        if (pdu == null) {
            byte[] h = header(in, start);
            in.skipBytes(total);
            return new DecodeError(Opcodes.REJECT_PROTOCOL_ERROR, h, false,
                    "invalid opcode 0x" + Integer.toHexString(h[0] & 0x3F));
        }
        in.skipBytes(total);
        return pdu;
    }

    private static byte[] header(ByteBuf in, int start) {
        byte[] h = new byte[BHS_LENGTH];
        in.getBytes(start, h);
        return h;
    }

    /** CRC32C of {@code length} bytes at {@code index} (§13.1). */
    public static int crc(ByteBuf buf, int index, int length) {
        CRC32C c = new CRC32C();
        c.update(buf.nioBuffer(index, length));
        return (int) c.getValue();
    }

    // ------------------------------------------------------------------------------------ decoding

    /** The PDU whose BHS is at {@code i}; null for an opcode RFC 7143 does not define. */
    static Pdu decodeHeader(ByteBuf b, int i, int ahsLength, byte[] data) {
        int b0 = b.getUnsignedByte(i);
        boolean imm = (b0 & Opcodes.IMMEDIATE_BIT) != 0;
        int f = b.getUnsignedByte(i + 1);
        boolean fin = (f & 0x80) != 0;
        long lun = b.getLong(i + 8);
        int itt = b.getInt(i + 16);
        return switch (b0 & 0x3F) {
            case Opcodes.NOP_OUT -> new Pdu.NopOut(imm, lun, itt, b.getInt(i + 20), b.getInt(i + 24), b.getInt(i + 28), data);
            case Opcodes.SCSI_COMMAND -> new Pdu.ScsiCommand(imm, fin, (f & 0x40) != 0, (f & 0x20) != 0, f & 0x07, lun, itt,
                    b.getInt(i + 20), b.getInt(i + 24), b.getInt(i + 28), cdb(b, i, ahsLength), data);
            case Opcodes.TASK_MANAGEMENT_REQUEST -> new Pdu.TaskManagementRequest(imm, f & 0x7F, lun, itt, b.getInt(i + 20),
                    b.getInt(i + 24), b.getInt(i + 28), b.getInt(i + 32), b.getInt(i + 36));
            case Opcodes.LOGIN_REQUEST -> new Pdu.LoginRequest(fin, (f & 0x40) != 0, (f >> 2) & 3, f & 3,
                    b.getUnsignedByte(i + 2), b.getUnsignedByte(i + 3), lun >>> 16, (int) (lun & 0xFFFF), itt,
                    b.getUnsignedShort(i + 20), b.getInt(i + 24), b.getInt(i + 28), data);
            case Opcodes.TEXT_REQUEST -> new Pdu.TextRequest(imm, fin, (f & 0x40) != 0, lun, itt, b.getInt(i + 20),
                    b.getInt(i + 24), b.getInt(i + 28), data);
            case Opcodes.DATA_OUT -> new Pdu.DataOut(fin, lun, itt, b.getInt(i + 20), b.getInt(i + 28), b.getInt(i + 36),
                    b.getInt(i + 40), data);
            case Opcodes.LOGOUT_REQUEST -> new Pdu.LogoutRequest(imm, f & 0x7F, itt, b.getUnsignedShort(i + 20),
                    b.getInt(i + 24), b.getInt(i + 28));
            case Opcodes.SNACK_REQUEST -> new Pdu.SnackRequest(f & 0x0F, lun, itt, b.getInt(i + 20), b.getInt(i + 28),
                    b.getInt(i + 40), b.getInt(i + 44));
            case Opcodes.NOP_IN -> new Pdu.NopIn(lun, itt, b.getInt(i + 20), b.getInt(i + 24), b.getInt(i + 28),
                    b.getInt(i + 32), data);
            case Opcodes.SCSI_RESPONSE -> new Pdu.ScsiResponse(f & 0x1E, b.getUnsignedByte(i + 2), b.getUnsignedByte(i + 3),
                    itt, b.getInt(i + 24), b.getInt(i + 28), b.getInt(i + 32), b.getInt(i + 36), b.getInt(i + 40),
                    b.getInt(i + 44), data);
            case Opcodes.TASK_MANAGEMENT_RESPONSE -> new Pdu.TaskManagementResponse(b.getUnsignedByte(i + 2), itt,
                    b.getInt(i + 24), b.getInt(i + 28), b.getInt(i + 32));
            case Opcodes.LOGIN_RESPONSE -> new Pdu.LoginResponse(fin, (f & 0x40) != 0, (f >> 2) & 3, f & 3,
                    b.getUnsignedByte(i + 2), b.getUnsignedByte(i + 3), lun >>> 16, (int) (lun & 0xFFFF), itt,
                    b.getInt(i + 24), b.getInt(i + 28), b.getInt(i + 32), b.getUnsignedByte(i + 36),
                    b.getUnsignedByte(i + 37), data);
            case Opcodes.TEXT_RESPONSE -> new Pdu.TextResponse(fin, (f & 0x40) != 0, lun, itt, b.getInt(i + 20),
                    b.getInt(i + 24), b.getInt(i + 28), b.getInt(i + 32), data);
            case Opcodes.DATA_IN -> new Pdu.DataIn(f, b.getUnsignedByte(i + 3), lun, itt, b.getInt(i + 20), b.getInt(i + 24),
                    b.getInt(i + 28), b.getInt(i + 32), b.getInt(i + 36), b.getInt(i + 40), b.getInt(i + 44), data, 0,
                    data.length);
            case Opcodes.LOGOUT_RESPONSE -> new Pdu.LogoutResponse(b.getUnsignedByte(i + 2), itt, b.getInt(i + 24),
                    b.getInt(i + 28), b.getInt(i + 32), b.getUnsignedShort(i + 40), b.getUnsignedShort(i + 42));
            case Opcodes.R2T -> new Pdu.ReadyToTransfer(lun, itt, b.getInt(i + 20), b.getInt(i + 24), b.getInt(i + 28),
                    b.getInt(i + 32), b.getInt(i + 36), b.getInt(i + 40), b.getInt(i + 44));
            case Opcodes.ASYNC_MESSAGE -> new Pdu.AsyncMessage(lun, b.getInt(i + 24), b.getInt(i + 28), b.getInt(i + 32),
                    b.getUnsignedByte(i + 36), b.getUnsignedByte(i + 37), b.getUnsignedShort(i + 38),
                    b.getUnsignedShort(i + 40), b.getUnsignedShort(i + 42), data);
            case Opcodes.REJECT -> new Pdu.Reject(b.getUnsignedByte(i + 2), b.getInt(i + 24), b.getInt(i + 28),
                    b.getInt(i + 32), b.getInt(i + 36), data);
            default -> null;
        };
    }

    /** The 16 CDB bytes of the BHS, extended by an extended-CDB AHS when one is present (§11.3.5). */
    private static byte[] cdb(ByteBuf b, int i, int ahsLength) {
        int extra = 0, extIndex = 0;
        int p = i + BHS_LENGTH, end = p + ahsLength;
        while (p + 3 <= end) { // each AHS: 2-byte length, 1-byte type, specific bytes, padded to 4
            int len = b.getUnsignedShort(p);
            int type = b.getUnsignedByte(p + 2);
            if (type == AHS_EXTENDED_CDB && len >= 1 && p + 4 + len - 1 <= end) {
                extra = len - 1;
                extIndex = p + 4;
            }
            p += padded(3 + len);
        }
        byte[] cdb = new byte[16 + extra];
        b.getBytes(i + 32, cdb, 0, 16);
        if (extra > 0) b.getBytes(extIndex, cdb, 16, extra);
        return cdb;
    }

    // ------------------------------------------------------------------------------------ encoding

    /** Bytes {@link #encode} writes for {@code pdu}. */
    public static int encodedLength(Pdu pdu, boolean headerDigest, boolean dataDigest) {
        int dsl = dataLength(pdu);
        return BHS_LENGTH + (headerDigest ? DIGEST_LENGTH : 0) + padded(dsl) + (dataDigest && dsl > 0 ? DIGEST_LENGTH : 0);
    }

    private static int dataLength(Pdu pdu) {
        return pdu instanceof Pdu.DataIn d ? d.dataLength() : data(pdu).length;
    }

    private static byte[] data(Pdu pdu) {
        return switch (pdu) {
            case Pdu.NopOut p -> p.data();
            case Pdu.ScsiCommand p -> p.data();
            case Pdu.LoginRequest p -> p.data();
            case Pdu.TextRequest p -> p.data();
            case Pdu.DataOut p -> p.data();
            case Pdu.NopIn p -> p.data();
            case Pdu.ScsiResponse p -> p.data();
            case Pdu.LoginResponse p -> p.data();
            case Pdu.TextResponse p -> p.data();
            case Pdu.DataIn p -> p.data();
            case Pdu.AsyncMessage p -> p.data();
            case Pdu.Reject p -> p.data();
            case Pdu.TaskManagementRequest p -> Pdu.NO_DATA;
            case Pdu.LogoutRequest p -> Pdu.NO_DATA;
            case Pdu.SnackRequest p -> Pdu.NO_DATA;
            case Pdu.TaskManagementResponse p -> Pdu.NO_DATA;
            case Pdu.LogoutResponse p -> Pdu.NO_DATA;
            case Pdu.ReadyToTransfer p -> Pdu.NO_DATA;
        };
    }

    /** Writes {@code pdu} (BHS, digests, padded data segment) at {@code out}'s writer index. */
    public static void encode(Pdu pdu, ByteBuf out, boolean headerDigest, boolean dataDigest) {
        int start = out.writerIndex();
        out.writeZero(BHS_LENGTH);
        writeHeader(pdu, out, start);
        byte[] data = data(pdu);
        int off = 0, len = data.length;
        if (pdu instanceof Pdu.DataIn d) {
            off = d.dataOffset();
            len = d.dataLength();
        }
        if (len > 0xFF_FFFF) throw new IllegalArgumentException("data segment longer than 2^24-1");
        out.setMedium(start + 5, len);
        if (headerDigest) out.writeIntLE(crc(out, start, BHS_LENGTH));
        if (len > 0) {
            int dataStart = out.writerIndex();
            out.writeBytes(data, off, len);
            out.writeZero(padded(len) - len);
            if (dataDigest) out.writeIntLE(crc(out, dataStart, padded(len)));
        }
    }

    private static void writeHeader(Pdu pdu, ByteBuf o, int i) {
        o.setByte(i, pdu.opcode());
        o.setInt(i + 16, pdu.itt());
        switch (pdu) {
            case Pdu.NopOut p -> {
                immediate(o, i, p.immediate());
                o.setByte(i + 1, 0x80);
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                o.setInt(i + 24, p.cmdSn());
                o.setInt(i + 28, p.expStatSn());
            }
            case Pdu.ScsiCommand p -> {
                immediate(o, i, p.immediate());
                o.setByte(i + 1, (p.finalFlag() ? 0x80 : 0) | (p.read() ? 0x40 : 0) | (p.write() ? 0x20 : 0)
                        | (p.attributes() & 7));
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.expectedDataTransferLength());
                o.setInt(i + 24, p.cmdSn());
                o.setInt(i + 28, p.expStatSn());
                o.setBytes(i + 32, p.cdb(), 0, Math.min(16, p.cdb().length));
            }
            case Pdu.TaskManagementRequest p -> {
                immediate(o, i, p.immediate());
                o.setByte(i + 1, 0x80 | (p.function() & 0x7F));
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.referencedTaskTag());
                o.setInt(i + 24, p.cmdSn());
                o.setInt(i + 28, p.expStatSn());
                o.setInt(i + 32, p.refCmdSn());
                o.setInt(i + 36, p.expDataSn());
            }
            case Pdu.LoginRequest p -> {
                immediate(o, i, true);
                o.setByte(i + 1, loginFlags(p.transit(), p.continueFlag(), p.currentStage(), p.nextStage()));
                o.setByte(i + 2, p.versionMax());
                o.setByte(i + 3, p.versionMin());
                o.setLong(i + 8, (p.isid() << 16) | (p.tsih() & 0xFFFF));
                o.setShort(i + 20, p.cid());
                o.setInt(i + 24, p.cmdSn());
                o.setInt(i + 28, p.expStatSn());
            }
            case Pdu.TextRequest p -> {
                immediate(o, i, p.immediate());
                o.setByte(i + 1, (p.finalFlag() ? 0x80 : 0) | (p.continueFlag() ? 0x40 : 0));
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                o.setInt(i + 24, p.cmdSn());
                o.setInt(i + 28, p.expStatSn());
            }
            case Pdu.DataOut p -> {
                o.setByte(i + 1, p.finalFlag() ? 0x80 : 0);
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                o.setInt(i + 28, p.expStatSn());
                o.setInt(i + 36, p.dataSn());
                o.setInt(i + 40, p.bufferOffset());
            }
            case Pdu.LogoutRequest p -> {
                immediate(o, i, p.immediate());
                o.setByte(i + 1, 0x80 | (p.reason() & 0x7F));
                o.setShort(i + 20, p.cid());
                o.setInt(i + 24, p.cmdSn());
                o.setInt(i + 28, p.expStatSn());
            }
            case Pdu.SnackRequest p -> {
                o.setByte(i + 1, 0x80 | (p.type() & 0x0F));
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                o.setInt(i + 28, p.expStatSn());
                o.setInt(i + 40, p.begRun());
                o.setInt(i + 44, p.runLength());
            }
            case Pdu.NopIn p -> {
                o.setByte(i + 1, 0x80);
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
            }
            case Pdu.ScsiResponse p -> {
                o.setByte(i + 1, 0x80 | (p.flags() & 0x1E));
                o.setByte(i + 2, p.response());
                o.setByte(i + 3, p.status());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setInt(i + 36, p.expDataSn());
                o.setInt(i + 40, p.bidiResidual());
                o.setInt(i + 44, p.residual());
            }
            case Pdu.TaskManagementResponse p -> {
                o.setByte(i + 1, 0x80);
                o.setByte(i + 2, p.response());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
            }
            case Pdu.LoginResponse p -> {
                o.setByte(i + 1, loginFlags(p.transit(), p.continueFlag(), p.currentStage(), p.nextStage()));
                o.setByte(i + 2, p.versionMax());
                o.setByte(i + 3, p.versionActive());
                o.setLong(i + 8, (p.isid() << 16) | (p.tsih() & 0xFFFF));
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setByte(i + 36, p.statusClass());
                o.setByte(i + 37, p.statusDetail());
            }
            case Pdu.TextResponse p -> {
                o.setByte(i + 1, (p.finalFlag() ? 0x80 : 0) | (p.continueFlag() ? 0x40 : 0));
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
            }
            case Pdu.DataIn p -> {
                o.setByte(i + 1, p.flags());
                o.setByte(i + 3, p.hasStatus() ? p.status() : 0);
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setInt(i + 36, p.dataSn());
                o.setInt(i + 40, p.bufferOffset());
                o.setInt(i + 44, p.residual());
            }
            case Pdu.LogoutResponse p -> {
                o.setByte(i + 1, 0x80);
                o.setByte(i + 2, p.response());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setShort(i + 40, p.time2Wait());
                o.setShort(i + 42, p.time2Retain());
            }
            case Pdu.ReadyToTransfer p -> {
                o.setByte(i + 1, 0x80);
                o.setLong(i + 8, p.lun());
                o.setInt(i + 20, p.ttt());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setInt(i + 36, p.r2tSn());
                o.setInt(i + 40, p.bufferOffset());
                o.setInt(i + 44, p.desiredLength());
            }
            case Pdu.AsyncMessage p -> {
                o.setByte(i + 1, 0x80);
                o.setLong(i + 8, p.lun());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setByte(i + 36, p.event());
                o.setByte(i + 37, p.vendorCode());
                o.setShort(i + 38, p.parameter1());
                o.setShort(i + 40, p.parameter2());
                o.setShort(i + 42, p.parameter3());
            }
            case Pdu.Reject p -> {
                o.setByte(i + 1, 0x80);
                o.setByte(i + 2, p.reason());
                statusFields(o, i, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                o.setInt(i + 36, p.dataSn());
            }
        }
    }

    private static void immediate(ByteBuf o, int i, boolean immediate) {
        if (immediate) o.setByte(i, o.getByte(i) | Opcodes.IMMEDIATE_BIT);
    }

    private static int loginFlags(boolean transit, boolean cont, int csg, int nsg) {
        return (transit ? 0x80 : 0) | (cont ? 0x40 : 0) | ((csg & 3) << 2) | (nsg & 3);
    }

    private static void statusFields(ByteBuf o, int i, int statSn, int expCmdSn, int maxCmdSn) {
        o.setInt(i + 24, statSn);
        o.setInt(i + 28, expCmdSn);
        o.setInt(i + 32, maxCmdSn);
    }
}
