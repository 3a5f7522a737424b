package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.Chap;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The initiator side of the login phase (RFC 7143 §6.3) as a pure state machine: it produces Login
 * Requests and consumes Login Responses, and never touches a socket, so the connection drives it
 * on its event loop and can switch digests on the moment the final response is read.
 *
 * <p>Without CHAP it sends everything in one CSG=1 to NSG=3 request, as libiscsi and open-iscsi do
 * (notes §1.3). With CHAP: AuthMethod=CHAP,None, then CHAP_A=5 (MD5), then CHAP_N/CHAP_R (plus our
 * own CHAP_I/CHAP_C for mutual CHAP, whose answer is checked), then operational negotiation.
 * The session is always new: ISID from the identity, TSIH 0 (§6.3.5 reinstatement is the target's
 * business), one connection (CID 0).
 */
final class LoginNegotiator {
    static final int STAGE_SECURITY = 0, STAGE_OPERATIONAL = 1, STAGE_FULL_FEATURE = 3;
    private static final int MAX_ROUNDS = 16;
    private static final int LOGIN_CMD_SN = 1;
    private static final int STATUS_REDIRECTION = 1;

    /** What to do after a response. */
    sealed interface Step {
        record Send(Pdu.LoginRequest request) implements Step {}

        /** Login complete: the first full-feature CmdSN is {@code cmdSn}; {@code expStatSn} follows the final response. */
        record Done(SessionParameters parameters, int cmdSn, int expStatSn, int maxCmdSn) implements Step {}
    }

    private enum State { AUTH_OFFERED, CHAP_ALGORITHM, CHAP_RESPONSE, OPERATIONAL }

    private final InitiatorIdentity identity;
    private final String targetName;
    private final InitiatorSettings settings;
    private final Map<String, String> answers = new HashMap<>();
    private State state;
    private int expStatSn;
    private int itt = 1;
    private int rounds;
    private int mutualId;
    private byte[] mutualChallenge;

    /** @param targetName the target to log in to, or null for a Discovery session */
    LoginNegotiator(InitiatorIdentity identity, String targetName, InitiatorSettings settings) {
        this.identity = identity;
        this.targetName = targetName;
        this.settings = settings;
    }

    private boolean discovery() { return targetName == null; }

    private String what() { return discovery() ? "discovery" : targetName; }

    Pdu.LoginRequest first() {
        List<KeyValue> k = new ArrayList<>();
        k.add(new KeyValue("InitiatorName", identity.name()));
        if (!discovery()) k.add(new KeyValue("TargetName", targetName));
        k.add(new KeyValue("SessionType", discovery() ? "Discovery" : "Normal"));
        if (settings.chap() != null) {
            k.add(new KeyValue("AuthMethod", "CHAP,None"));
            state = State.AUTH_OFFERED;
            return request(STAGE_SECURITY, STAGE_OPERATIONAL, true, k);
        }
        operationalKeys(k);
        state = State.OPERATIONAL;
        return request(STAGE_OPERATIONAL, STAGE_FULL_FEATURE, true, k);
    }

    Step onResponse(Pdu.LoginResponse r) throws LoginFailedException {
        if (r.statusClass() == STATUS_REDIRECTION) throw redirection(r);
        if (r.statusClass() != 0) throw LoginFailedException.fromStatus(r.statusClass(), r.statusDetail(), what());
        if (++rounds > MAX_ROUNDS) throw LoginFailedException.ours("login to " + what() + " did not finish in " + MAX_ROUNDS + " exchanges");
        expStatSn = r.statSn() + 1;
        List<KeyValue> keys;
        try {
            keys = TextCodec.parse(r.data(), 1 << 20);
        } catch (TextCodec.TextFormatException e) {
            throw LoginFailedException.ours("malformed login response text from " + what() + ": " + e.getMessage());
        }
        for (KeyValue kv : keys) answers.put(kv.key(), kv.value());
        if (r.continueFlag()) // §6.3.4: the target's text continues; ask for the rest with an empty request
            return send(r.currentStage(), r.nextStage(), false, List.of());
        return switch (state) {
            case AUTH_OFFERED -> afterAuthOffer(r);
            case CHAP_ALGORITHM -> afterChapAlgorithm();
            case CHAP_RESPONSE -> afterChapResponse(r);
            case OPERATIONAL -> afterOperational(r);
        };
    }

    /** §11.13.5 status class 1 and §13.8: the response names the portal to use in TargetAddress. */
    private LoginFailedException redirection(Pdu.LoginResponse r) {
        String address = null;
        try {
            for (KeyValue kv : TextCodec.parse(r.data(), 1 << 16)) if (kv.key().equals("TargetAddress")) address = kv.value();
        } catch (TextCodec.TextFormatException e) {
            address = null;
        }
        if (address == null) return LoginFailedException.fromStatus(r.statusClass(), r.statusDetail(), what());
        DiscoveredTarget.Portal p = DiscoveredTarget.Portal.parse(address);
        return LoginFailedException.redirected(r.statusDetail(), what(), InetSocketAddress.createUnresolved(p.host(), p.port()));
    }

    private Step afterAuthOffer(Pdu.LoginResponse r) throws LoginFailedException {
        String method = answers.get("AuthMethod");
        if ("CHAP".equals(method)) {
            state = State.CHAP_ALGORITHM;
            return send(STAGE_SECURITY, STAGE_OPERATIONAL, false, List.of(new KeyValue("CHAP_A", Chap.MD5)));
        }
        if (!"None".equals(method) && method != null)
            throw LoginFailedException.ours(what() + " chose an authentication method we did not offer: " + method);
        if (settings.mutualChap() != null)
            throw LoginFailedException.ours(what() + " declined CHAP, but mutual CHAP was required");
        return toOperational(r);
    }

    private Step afterChapAlgorithm() throws LoginFailedException {
        if (!Chap.MD5.equals(answers.get("CHAP_A")))
            throw LoginFailedException.ours(what() + " chose CHAP algorithm " + answers.get("CHAP_A") + ", we offered only MD5 (5)");
        int id;
        try {
            id = Integer.parseInt(answers.getOrDefault("CHAP_I", ""));
        } catch (NumberFormatException e) {
            throw LoginFailedException.ours(what() + " sent an invalid CHAP_I");
        }
        byte[] challenge = Chap.decodeBinary(answers.get("CHAP_C"));
        if (id < 0 || id > 255 || challenge == null || challenge.length == 0)
            throw LoginFailedException.ours(what() + " sent an invalid CHAP challenge");
        List<KeyValue> k = new ArrayList<>();
        k.add(new KeyValue("CHAP_N", settings.chap().user()));
        k.add(new KeyValue("CHAP_R", Chap.encodeBinary(Chap.response(id, settings.chap().secret(), challenge))));
        if (settings.mutualChap() != null) {
            mutualId = Chap.randomIdentifier();
            do mutualChallenge = Chap.randomChallenge(); while (MessageDigest.isEqual(mutualChallenge, challenge));
            k.add(new KeyValue("CHAP_I", Integer.toString(mutualId)));
            k.add(new KeyValue("CHAP_C", Chap.encodeBinary(mutualChallenge)));
        }
        state = State.CHAP_RESPONSE;
        return send(STAGE_SECURITY, STAGE_OPERATIONAL, true, k);
    }

    private Step afterChapResponse(Pdu.LoginResponse r) throws LoginFailedException {
        if (settings.mutualChap() != null) { // §12.1.3: the target must answer our challenge correctly
            byte[] expected = Chap.response(mutualId, settings.mutualChap().secret(), mutualChallenge);
            byte[] got = Chap.decodeBinary(answers.get("CHAP_R"));
            if (!settings.mutualChap().user().equals(answers.get("CHAP_N")) || got == null || !MessageDigest.isEqual(expected, got))
                throw LoginFailedException.ours(what() + " failed mutual CHAP: it does not know the target secret we expect");
        }
        return toOperational(r);
    }

    private Step toOperational(Pdu.LoginResponse r) {
        if (!(r.transit() && r.nextStage() == STAGE_OPERATIONAL)) // target wants another security round
            return send(STAGE_SECURITY, STAGE_OPERATIONAL, true, List.of());
        state = State.OPERATIONAL;
        List<KeyValue> k = new ArrayList<>();
        operationalKeys(k);
        return send(STAGE_OPERATIONAL, STAGE_FULL_FEATURE, true, k);
    }

    private Step afterOperational(Pdu.LoginResponse r) throws LoginFailedException {
        if (!(r.transit() && r.nextStage() == STAGE_FULL_FEATURE))
            return send(STAGE_OPERATIONAL, STAGE_FULL_FEATURE, true, List.of());
        if (r.tsih() == 0) throw LoginFailedException.ours(what() + " ended the login without assigning a TSIH");
        return new Step.Done(parameters(r.tsih()), r.expCmdSn(), expStatSn, r.maxCmdSn());
    }

    // ------------------------------------------------------------------------------------ keys

    private void operationalKeys(List<KeyValue> k) {
        String digest = settings.digests() && !discovery() ? "CRC32C,None" : "None";
        k.add(new KeyValue("HeaderDigest", digest));
        k.add(new KeyValue("DataDigest", digest));
        k.add(new KeyValue("MaxRecvDataSegmentLength", Integer.toString(settings.maxRecvDataSegmentLength())));
        if (discovery()) return; // session keys are irrelevant in a discovery session (§13)
        k.add(new KeyValue("InitialR2T", settings.initialR2T() ? "Yes" : "No"));
        k.add(new KeyValue("ImmediateData", settings.immediateData() ? "Yes" : "No"));
        k.add(new KeyValue("MaxBurstLength", Integer.toString(settings.maxBurstLength())));
        k.add(new KeyValue("FirstBurstLength", Integer.toString(settings.firstBurstLength())));
        k.add(new KeyValue("MaxOutstandingR2T", "1"));
        k.add(new KeyValue("MaxConnections", "1"));
        k.add(new KeyValue("ErrorRecoveryLevel", "0"));
        k.add(new KeyValue("DataPDUInOrder", "Yes"));
        k.add(new KeyValue("DataSequenceInOrder", "Yes"));
        k.add(new KeyValue("DefaultTime2Wait", "2"));
        k.add(new KeyValue("DefaultTime2Retain", "0"));
        k.add(new KeyValue("IFMarker", "No"));
        k.add(new KeyValue("OFMarker", "No"));
    }

    /** The negotiated values; an unanswered or unusable answer keeps the RFC 7143 §13 default. */
    private SessionParameters parameters(int tsih) {
        boolean headerDigest = "CRC32C".equals(answers.get("HeaderDigest"));
        boolean dataDigest = "CRC32C".equals(answers.get("DataDigest"));
        int targetMrdsl = number("MaxRecvDataSegmentLength", 8192);
        int maxBurst = Math.min(number("MaxBurstLength", 262_144), settings.maxBurstLength());
        int firstBurst = Math.min(Math.min(number("FirstBurstLength", 65_536), settings.firstBurstLength()), maxBurst);
        boolean initialR2T = !"No".equals(answers.getOrDefault("InitialR2T", "Yes")) || settings.initialR2T();
        boolean immediate = "Yes".equals(answers.getOrDefault("ImmediateData", "Yes")) && settings.immediateData();
        return new SessionParameters(headerDigest, dataDigest, Math.max(512, targetMrdsl), settings.maxRecvDataSegmentLength(),
                maxBurst, firstBurst, initialR2T, immediate, number("TargetPortalGroupTag", 0), tsih);
    }

    private int number(String key, int fallback) {
        String v = answers.get(key);
        if (v == null || v.isEmpty() || v.length() > 8) return fallback;
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return fallback;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The value the target gave for {@code key} during this login, or null. */
    String answer(String key) { return answers.get(key); }

    private Step send(int csg, int nsg, boolean transit, List<KeyValue> keys) {
        return new Step.Send(request(csg, nsg, transit, keys));
    }

    private Pdu.LoginRequest request(int csg, int nsg, boolean transit, List<KeyValue> keys) {
        return new Pdu.LoginRequest(transit, false, csg, transit ? nsg : 0, 0, 0, identity.isid(), 0, itt++, 0, LOGIN_CMD_SN,
                expStatSn, keys.isEmpty() ? Pdu.NO_DATA : TextCodec.encode(keys));
    }
}
