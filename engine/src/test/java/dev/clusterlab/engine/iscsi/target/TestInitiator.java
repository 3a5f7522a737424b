package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Chap;
import dev.clusterlab.engine.iscsi.pdu.DecodeError;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small blocking iSCSI initiator for tests: plain sockets and the production codec. It logs in
 * (None, CHAP, mutual CHAP), runs SCSI commands with immediate data, unsolicited Data-Out, R2T and
 * Data-In, and exposes the raw PDU stream for tests that misbehave on purpose.
 */
final class TestInitiator implements AutoCloseable {
    static final String TARGET_CHAP_SECRET_CHECK = "target answered mutual CHAP wrongly";

    /** The outcome of a SCSI command. */
    record Result(int status, byte[] data, byte[] sense, int flags, int residual, List<Pdu.DataIn> dataIns, int r2ts) {
        int senseKey() { return sense.length > 2 ? sense[2] & 0x0F : -1; }

        int asc() { return sense.length > 12 ? sense[12] & 0xFF : -1; }

        int ascq() { return sense.length > 13 ? sense[13] & 0xFF : -1; }
    }

    final String name;
    final long isid;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int itt = 1;
    int cmdSn = 1;
    int expStatSn;
    int maxCmdSn;
    private boolean digests;
    int tsih;
    /** What we declare and what the target answered. */
    int ourMaxRecvDataSegment = 8192;
    int targetMaxRecvDataSegment = 8192;
    int firstBurst = 65536, maxBurst = 262144;
    boolean initialR2T = true, immediateData = true;
    final Map<String, String> answers = new LinkedHashMap<>();

    TestInitiator(InetSocketAddress target, String name, long isid) throws IOException {
        this.name = name;
        this.isid = isid;
        socket = new Socket(target.getAddress(), target.getPort());
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    int nextItt() { return itt++; }

    // ------------------------------------------------------------------------------------ raw PDUs

    void send(Pdu p) throws IOException {
        ByteBuf b = Unpooled.buffer();
        PduCodec.encode(p, b, digests, digests);
        sendRaw(b);
    }

    void sendRaw(ByteBuf b) throws IOException {
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next PDU from the target; EOFException when it closed the connection. */
    Pdu receive() throws IOException {
        byte[] bhs = new byte[48];
        in.readFully(bhs);
        ByteBuf head = Unpooled.wrappedBuffer(bhs);
        int total = PduCodec.frameLength(head, 0, digests, digests);
        byte[] frame = new byte[total];
        System.arraycopy(bhs, 0, frame, 0, 48);
        in.readFully(frame, 48, total - 48);
        Object o = PduCodec.decodeFrame(Unpooled.wrappedBuffer(frame), digests, digests, 1 << 24);
        if (o instanceof DecodeError e) throw new IOException("bad PDU from target: " + e.detail());
        Pdu p = (Pdu) o;
        track(p);
        return p;
    }

    private void track(Pdu p) {
        switch (p) {
            case Pdu.ScsiResponse r -> window(r.statSn(), r.maxCmdSn(), true);
            case Pdu.DataIn d -> window(d.statSn(), d.maxCmdSn(), d.hasStatus());
            case Pdu.NopIn n -> window(n.statSn(), n.maxCmdSn(), n.itt() != Pdu.RESERVED_TAG);
            case Pdu.TextResponse t -> window(t.statSn(), t.maxCmdSn(), true);
            case Pdu.TaskManagementResponse t -> window(t.statSn(), t.maxCmdSn(), true);
            case Pdu.LogoutResponse l -> window(l.statSn(), l.maxCmdSn(), true);
            case Pdu.LoginResponse l -> window(l.statSn(), l.maxCmdSn(), true);
            case Pdu.Reject r -> window(r.statSn(), r.maxCmdSn(), true);
            case Pdu.ReadyToTransfer r -> window(r.statSn(), r.maxCmdSn(), false);
            default -> {}
        }
    }

    private void window(int statSn, int max, boolean status) {
        if (status) expStatSn = statSn + 1;
        maxCmdSn = max;
    }

    /** True when the target closed the connection (EOF within the socket timeout). */
    boolean closedByTarget() {
        try {
            while (true) receive();
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads whatever arrives for {@code millis}; true when the target closed the connection meanwhile. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) receive();
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } finally {
            if (!socket.isClosed()) socket.setSoTimeout(5000);
        }
    }

    /** Waits briefly and returns true if nothing arrives. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            receive();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    // ------------------------------------------------------------------------------------ login

    static List<KeyValue> keys(String... kv) {
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) out.add(new KeyValue(kv[i], kv[i + 1]));
        return out;
    }

    List<KeyValue> operationalKeys() {
        return keys("HeaderDigest", digestsWanted ? "CRC32C,None" : "None", "DataDigest", digestsWanted ? "CRC32C,None" : "None",
                "InitialR2T", initialR2T ? "Yes" : "No", "ImmediateData", immediateData ? "Yes" : "No",
                "MaxBurstLength", Integer.toString(maxBurst), "FirstBurstLength", Integer.toString(firstBurst),
                "MaxOutstandingR2T", "1", "MaxConnections", "1", "ErrorRecoveryLevel", "0",
                "MaxRecvDataSegmentLength", Integer.toString(ourMaxRecvDataSegment), "DataPDUInOrder", "Yes",
                "DataSequenceInOrder", "Yes", "DefaultTime2Wait", "2", "DefaultTime2Retain", "0",
                "IFMarker", "No", "OFMarker", "No");
    }

    boolean digestsWanted;

    Pdu.LoginResponse loginStep(int csg, int nsg, boolean transit, List<KeyValue> keys) throws IOException {
        send(new Pdu.LoginRequest(transit, false, csg, nsg, 0, 0, isid, tsih, nextItt(), 0, cmdSn, expStatSn,
                TextCodec.encode(keys)));
        Pdu p = receive();
        if (!(p instanceof Pdu.LoginResponse r)) throw new IOException("expected a login response, got " + p);
        try {
            for (KeyValue kv : TextCodec.parse(r.data(), 1 << 20)) answers.put(kv.key(), kv.value());
        } catch (TextCodec.TextFormatException e) {
            throw new IOException(e);
        }
        return r;
    }

    /** Normal session, no authentication, one PDU straight to full feature (what libiscsi does). */
    Pdu.LoginResponse login(String target) throws IOException {
        List<KeyValue> k = keys("InitiatorName", name, "TargetName", target, "SessionType", "Normal");
        k.addAll(operationalKeys());
        return finish(loginStep(1, 3, true, k));
    }

    Pdu.LoginResponse discoveryLogin() throws IOException {
        List<KeyValue> k = keys("InitiatorName", name, "SessionType", "Discovery");
        k.addAll(operationalKeys());
        return finish(loginStep(1, 3, true, k));
    }

    /** CHAP (optionally mutual, with the target's expected name/secret) then operational negotiation. */
    Pdu.LoginResponse chapLogin(String target, String user, String secret, String targetUser, String targetSecret,
                                byte[] ourChallenge) throws IOException {
        Pdu.LoginResponse r = loginStep(0, 1, true, keys("InitiatorName", name, "TargetName", target,
                "SessionType", "Normal", "AuthMethod", "CHAP,None"));
        if (r.statusClass() != 0) return r;
        r = loginStep(0, 1, false, keys("CHAP_A", "5"));
        if (r.statusClass() != 0) return r;
        int id = Integer.parseInt(answers.get("CHAP_I"));
        byte[] challenge = Chap.decodeBinary(answers.get("CHAP_C"));
        List<KeyValue> k = keys("CHAP_N", user, "CHAP_R", Chap.encodeBinary(Chap.response(id, secret, challenge)));
        int myId = 7;
        if (ourChallenge != null) {
            k.add(new KeyValue("CHAP_I", Integer.toString(myId)));
            k.add(new KeyValue("CHAP_C", Chap.encodeBinary(ourChallenge)));
        }
        r = loginStep(0, 1, true, k);
        if (r.statusClass() != 0) return r;
        if (ourChallenge != null) {
            byte[] expected = Chap.response(myId, targetSecret, ourChallenge);
            if (!targetUser.equals(answers.get("CHAP_N"))
                    || !java.util.Arrays.equals(expected, Chap.decodeBinary(answers.get("CHAP_R"))))
                throw new IOException(TARGET_CHAP_SECRET_CHECK);
        }
        return finish(loginStep(1, 3, true, operationalKeys()));
    }

    static byte[] randomChallenge() {
        byte[] c = new byte[16];
        new SecureRandom().nextBytes(c);
        return c;
    }

    private Pdu.LoginResponse finish(Pdu.LoginResponse r) {
        if (r.statusClass() == 0 && r.transit() && r.nextStage() == 3) {
            tsih = r.tsih();
            cmdSn = r.expCmdSn();
            String mrdsl = answers.get("MaxRecvDataSegmentLength");
            if (mrdsl != null) targetMaxRecvDataSegment = Integer.parseInt(mrdsl);
            if (answers.containsKey("FirstBurstLength")) firstBurst = Integer.parseInt(answers.get("FirstBurstLength"));
            if (answers.containsKey("MaxBurstLength")) maxBurst = Integer.parseInt(answers.get("MaxBurstLength"));
            initialR2T = "Yes".equals(answers.getOrDefault("InitialR2T", "Yes"));
            immediateData = "Yes".equals(answers.getOrDefault("ImmediateData", "Yes"));
            digests = "CRC32C".equals(answers.get("HeaderDigest"));
        }
        return r;
    }

    // ------------------------------------------------------------------------------------ full feature phase

    static long lun(int n) { return (long) n << 48; }

    /** Sends a SCSI command with as much immediate data as allowed; returns its ITT. */
    int startCommand(int lun, byte[] cdb, byte[] dataOut, int edtl, boolean read) throws IOException {
        int tag = nextItt();
        byte[] cdb16 = java.util.Arrays.copyOf(cdb, Math.max(16, cdb.length));
        int immediate = immediateData ? Math.min(dataOut.length, Math.min(firstBurst, targetMaxRecvDataSegment)) : 0;
        int unsolicited = initialR2T ? 0 : Math.min(dataOut.length, firstBurst) - immediate;
        boolean fin = unsolicited <= 0;
        send(new Pdu.ScsiCommand(false, fin, read, dataOut.length > 0, 1, lun(lun), tag, edtl, cmdSn++, expStatSn, cdb16,
                java.util.Arrays.copyOf(dataOut, immediate)));
        int off = immediate, dataSn = 0;
        while (unsolicited > 0) {
            int n = Math.min(unsolicited, targetMaxRecvDataSegment);
            unsolicited -= n;
            send(new Pdu.DataOut(unsolicited == 0, lun(lun), tag, Pdu.RESERVED_TAG, expStatSn, dataSn++, off,
                    java.util.Arrays.copyOfRange(dataOut, off, off + n)));
            off += n;
        }
        return tag;
    }

    /** Runs a command to completion: answers R2Ts, gathers Data-In, returns the status. */
    Result command(int lun, byte[] cdb, byte[] dataOut, int edtl, boolean read) throws IOException {
        int tag = startCommand(lun, cdb, dataOut, edtl, read);
        return complete(tag, lun, dataOut);
    }

    Result complete(int tag, int lun, byte[] dataOut) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<Pdu.DataIn> dataIns = new ArrayList<>();
        int r2ts = 0;
        while (true) {
            Pdu p = receive();
            switch (p) {
                case Pdu.DataIn d when d.itt() == tag -> {
                    if (d.bufferOffset() != data.size()) throw new IOException("Data-In out of order");
                    data.write(d.data(), d.dataOffset(), d.dataLength());
                    dataIns.add(d);
                    if (d.hasStatus()) return new Result(d.status(), data.toByteArray(), new byte[0], d.flags() & 0x06,
                            d.residual(), dataIns, r2ts);
                }
                case Pdu.ReadyToTransfer r when r.itt() == tag -> {
                    r2ts++;
                    int off = r.bufferOffset(), end = off + r.desiredLength(), dataSn = 0;
                    while (off < end) {
                        int n = Math.min(end - off, targetMaxRecvDataSegment);
                        send(new Pdu.DataOut(off + n == end, lun(lun), tag, r.ttt(), expStatSn, dataSn++, off,
                                java.util.Arrays.copyOfRange(dataOut, off, off + n)));
                        off += n;
                    }
                }
                case Pdu.ScsiResponse s when s.itt() == tag -> {
                    byte[] sense = s.data().length > 2 ? java.util.Arrays.copyOfRange(s.data(), 2, s.data().length) : new byte[0];
                    return new Result(s.status(), data.toByteArray(), sense, s.flags() & 0x06, s.residual(), dataIns, r2ts);
                }
                default -> throw new IOException("unexpected PDU " + p);
            }
        }
    }

    Result read(int lun, byte[] cdb, int edtl) throws IOException { return command(lun, cdb, new byte[0], edtl, true); }

    Result noData(int lun, byte[] cdb) throws IOException { return command(lun, cdb, new byte[0], 0, false); }

    Result write(int lun, byte[] cdb, byte[] data) throws IOException { return command(lun, cdb, data, data.length, false); }

    Pdu.NopIn ping(byte[] data) throws IOException {
        int tag = nextItt();
        send(new Pdu.NopOut(true, 0, tag, Pdu.RESERVED_TAG, cmdSn, expStatSn, data));
        return (Pdu.NopIn) receive();
    }

    Pdu.TaskManagementResponse taskManagement(int function, int lun, int referencedTag, int refCmdSn) throws IOException {
        send(new Pdu.TaskManagementRequest(true, function, lun(lun), nextItt(), referencedTag, cmdSn, expStatSn, refCmdSn, 0));
        Pdu p;
        do p = receive(); while (!(p instanceof Pdu.TaskManagementResponse));
        return (Pdu.TaskManagementResponse) p;
    }

    Pdu.LogoutResponse logout() throws IOException {
        send(new Pdu.LogoutRequest(true, 0, nextItt(), 0, cmdSn, expStatSn));
        return (Pdu.LogoutResponse) receive();
    }

    /** One text exchange, following C-bit continuations; returns the concatenated keys. */
    List<KeyValue> text(String key, String value) throws IOException {
        int tag = nextItt();
        send(new Pdu.TextRequest(true, true, false, 0, tag, Pdu.RESERVED_TAG, cmdSn, expStatSn,
                TextCodec.encode(keys(key, value))));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        textPieces = 0;
        while (true) {
            Pdu.TextResponse r = (Pdu.TextResponse) receive();
            all.write(r.data(), 0, r.data().length);
            textPieces++;
            if (r.finalFlag()) break;
            send(new Pdu.TextRequest(true, true, false, 0, tag, r.ttt(), cmdSn, expStatSn, Pdu.NO_DATA));
        }
        try {
            return TextCodec.parse(all.toByteArray(), 1 << 24);
        } catch (TextCodec.TextFormatException e) {
            throw new IOException(e);
        }
    }

    int textPieces;

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
