package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The login phase of one connection (RFC 7143 §6.3): security negotiation (AuthMethod None or
 * CHAP), operational negotiation, stage transitions, and finally TSIH assignment and the switch to
 * the full feature phase. Any failure sends a Login Response with the status class/detail of
 * §11.13.5 and closes the connection.
 */
final class LoginPhase {
    static final int STAGE_SECURITY = 0, STAGE_OPERATIONAL = 1, STAGE_FULL_FEATURE = 3;
    // Status class/detail, RFC 7143 §11.13.5.
    static final int INITIATOR_ERROR = 0x02;
    static final int AUTHENTICATION_FAILURE = 0x01, AUTHORIZATION_FAILURE = 0x02, NOT_FOUND = 0x03,
            UNSUPPORTED_VERSION = 0x05, MISSING_PARAMETER = 0x07, SESSION_TYPE_NOT_SUPPORTED = 0x09,
            SESSION_DOES_NOT_EXIST = 0x0A, INVALID_DURING_LOGIN = 0x0B;
    static final int TARGET_ERROR = 0x03, OUT_OF_RESOURCES = 0x02;

    private final IscsiConnection conn;
    private final ServerContext server;
    private final ServerContext.Portal portal;
    private final OperationalNegotiation ops;
    private boolean started;
    private long isid;
    private String initiatorName = "";
    private boolean discovery;
    private ServerContext.Served served;
    private int stage;
    private boolean authenticated;
    private ChapAuthenticator chap;
    private final ContinuedText text;
    private boolean tpgtSent;

    LoginPhase(IscsiConnection conn, ServerContext server, ServerContext.Portal portal) {
        this.text = new ContinuedText(server.limits().maxTextLength());
        this.conn = conn;
        this.server = server;
        this.portal = portal;
        this.ops = new OperationalNegotiation(server.limits().maxRecvDataSegmentLength(), server.limits().maxBurstLength());
    }

    String initiatorName() { return initiatorName; }

    String targetName() { return served == null ? "" : served.target().name(); }

    void handle(Pdu.LoginRequest req) {
        if (!started) {
            isid = req.isid();
            stage = req.currentStage();
        } else if (req.isid() != isid) {
            fail(req, INITIATOR_ERROR, 0x00, "ISID changed during login");
            return;
        }
        if (req.versionMin() > 0) {
            fail(req, INITIATOR_ERROR, UNSUPPORTED_VERSION, "unsupported iSCSI version " + req.versionMin());
            return;
        }
        byte[] data;
        switch (text.append(req.data(), req.continueFlag())) { // §6.3.4: text spread over PDUs with C=1
            case ContinuedText.NeedMore m -> {
                respond(req, false, 0, List.of(), 0);
                return;
            }
            case ContinuedText.TooLong t -> {
                fail(req, INITIATOR_ERROR, 0x00, "login text longer than " + t.limit());
                return;
            }
            case ContinuedText.Complete c -> data = c.text();
        }
        List<KeyValue> keys;
        try {
            keys = TextCodec.parse(data, server.limits().maxTextLength());
        } catch (TextCodec.TextFormatException e) {
            fail(req, INITIATOR_ERROR, INVALID_DURING_LOGIN, e.getMessage());
            return;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : keys) map.putIfAbsent(kv.key(), kv.value());
        if (!started) {
            started = true;
            if (!identify(req, map)) return;
        }
        if (req.currentStage() != stage || stage == 2 || stage == STAGE_FULL_FEATURE
                || (req.transit() && (req.nextStage() <= req.currentStage() || req.nextStage() == 2))) {
            fail(req, INITIATOR_ERROR, INVALID_DURING_LOGIN, "invalid login stage transition");
            return;
        }
        List<KeyValue> reply = new ArrayList<>();
        boolean securityDone;
        if (stage == STAGE_SECURITY) {
            Boolean done = security(req, map, reply);
            if (done == null) return;
            securityDone = done;
        } else {
            if (chapRequired() && !authenticated) {
                fail(req, INITIATOR_ERROR, AUTHENTICATION_FAILURE, "CHAP is required");
                return;
            }
            securityDone = true;
        }
        ops.negotiate(keys, reply);
        if (!tpgtSent && !discovery) { // §13.9: first Login Response of a Normal session
            tpgtSent = true;
            reply.add(new KeyValue("TargetPortalGroupTag", Integer.toString(served.tag())));
        }
        boolean transit = req.transit() && securityDone;
        int nsg = transit ? req.nextStage() : 0;
        if (stage == STAGE_OPERATIONAL || nsg == STAGE_FULL_FEATURE) ops.declare(reply);
        if (transit && nsg == STAGE_FULL_FEATURE) {
            finish(req, reply);
            return;
        }
        respond(req, transit, nsg, reply, 0);
        if (transit) stage = nsg;
    }

    private boolean chapRequired() { return !discovery && served.target().definition().chap() != null; }

    /** Checks names, session type, target and ACL on the first request. */
    private boolean identify(Pdu.LoginRequest req, Map<String, String> keys) {
        String name = keys.get("InitiatorName");
        if (name == null || name.isEmpty()) {
            fail(req, INITIATOR_ERROR, MISSING_PARAMETER, "InitiatorName missing");
            return false;
        }
        initiatorName = name;
        String type = keys.getOrDefault("SessionType", "Normal");
        if (type.equals("Discovery")) {
            discovery = true;
        } else if (type.equals("Normal")) {
            String targetName = keys.get("TargetName");
            if (targetName == null) {
                fail(req, INITIATOR_ERROR, MISSING_PARAMETER, "TargetName missing");
                return false;
            }
            for (ServerContext.Served s : portal.served())
                if (s.target().name().equalsIgnoreCase(targetName)) served = s;
            if (served == null) {
                fail(req, INITIATOR_ERROR, NOT_FOUND, "no target " + targetName + " at this portal");
                return false;
            }
            if (!served.target().admits(name)) {
                fail(req, INITIATOR_ERROR, AUTHORIZATION_FAILURE, "initiator not in the target's ACL");
                return false;
            }
        } else {
            fail(req, INITIATOR_ERROR, SESSION_TYPE_NOT_SUPPORTED, "session type " + type);
            return false;
        }
        if (req.tsih() != 0) { // adding a connection to a session: MaxConnections is 1
            fail(req, INITIATOR_ERROR, SESSION_DOES_NOT_EXIST, "TSIH " + req.tsih() + " names no session");
            return false;
        }
        return true;
    }

    /**
     * Security stage (§6.3.1, §12.1): returns whether authentication is complete, or null when the
     * login has failed.
     */
    private Boolean security(Pdu.LoginRequest req, Map<String, String> keys, List<KeyValue> reply) {
        String methods = keys.get("AuthMethod");
        boolean required = chapRequired();
        if (methods != null) {
            List<String> offered = List.of(methods.split(","));
            if (required && offered.contains("CHAP")) {
                reply.add(new KeyValue("AuthMethod", "CHAP"));
                chap = new ChapAuthenticator(served.target().definition().chap(), served.target().definition().mutualChap());
                return false;
            }
            if (!required && offered.contains("None")) {
                reply.add(new KeyValue("AuthMethod", "None"));
                authenticated = true;
                return true;
            }
            fail(req, INITIATOR_ERROR, AUTHENTICATION_FAILURE, "no acceptable AuthMethod in " + methods);
            return null;
        }
        if (chap != null) {
            return switch (chap.step(keys, reply)) {
                case CONTINUE -> false;
                case AUTHENTICATED -> authenticated = true;
                case FAILED -> {
                    fail(req, INITIATOR_ERROR, AUTHENTICATION_FAILURE, "CHAP authentication failed");
                    yield null;
                }
            };
        }
        if (!required) {
            authenticated = true;
            return true;
        }
        if (req.transit()) {
            fail(req, INITIATOR_ERROR, AUTHENTICATION_FAILURE, "CHAP is required");
            return null;
        }
        return false;
    }

    private void finish(Pdu.LoginRequest req, List<KeyValue> reply) {
        SessionRegistry registry = server.registry();
        SessionRegistry.SessionKey key = null;
        ItNexus nexus = null;
        if (!discovery) {
            key = new SessionRegistry.SessionKey(served.target().name(), initiatorName.toLowerCase(Locale.ROOT), isid, served.tag());
            IscsiConnection old = registry.session(key);
            if (old != null) old.endSession("session reinstated by a new login", true); // §6.3.5
            nexus = new ItNexus(InitiatorPort.iscsi(initiatorName, isid), served.target().port(served.tag()));
        }
        if (!registry.hasRoomForSession()) {
            fail(req, TARGET_ERROR, OUT_OF_RESOURCES, "session limit " + server.limits().maxSessions() + " reached");
            return;
        }
        int tsih = registry.allocateTsih();
        respond(req, true, STAGE_FULL_FEATURE, reply, tsih);
        Session s = new Session(discovery ? null : served.target(), discovery ? 0 : served.tag(), initiatorName, isid, tsih,
                discovery, nexus, ops.result(), key);
        if (discovery) registry.registerDiscovery();
        else registry.registerNormal(key, nexus, conn);
        conn.enterFullFeature(s, req.cmdSn());
    }

    private void respond(Pdu.LoginRequest req, boolean transit, int nsg, List<KeyValue> reply, int tsih) {
        int depth = server.limits().queueDepth();
        conn.send(new Pdu.LoginResponse(transit, false, stage, nsg, 0, 0, isid, tsih, req.itt(), conn.nextStatSn(),
                req.cmdSn(), req.cmdSn() + depth - 1, 0, 0, reply.isEmpty() ? Pdu.NO_DATA : TextCodec.encode(reply)));
    }

    private void fail(Pdu.LoginRequest req, int statusClass, int detail, String reason) {
        conn.send(new Pdu.LoginResponse(false, false, stage & 3, 0, 0, 0, req.isid(), 0, req.itt(), conn.nextStatSn(),
                req.cmdSn(), req.cmdSn(), statusClass, detail, Pdu.NO_DATA));
        conn.loginFailed(initiatorName, targetName(), reason);
    }
}
