package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import java.util.List;

/**
 * Answers the operational keys an initiator offers (RFC 7143 §13; notes §1.4). Every key offered
 * gets an answer in the order offered — libiscsi only adopts values the target echoes — and unknown
 * keys get NotUnderstood (§6.2). We never volunteer a key the initiator did not send, except our own
 * MaxRecvDataSegmentLength declaration, because open-iscsi fails the login on keys it does not know.
 */
final class OperationalNegotiation {
    private static final int MIN_SEGMENT = 512, MAX_SEGMENT = 0xFF_FFFF;

    private final int ourMaxRecvDataSegment;
    private final int maxBurstLimit;
    private boolean headerDigest, dataDigest;
    private int initiatorMaxRecvDataSegment = 8192;
    private int maxBurst;
    private int firstBurst;
    private boolean initialR2T = true, immediateData = true;
    private boolean declared;

    OperationalNegotiation(int ourMaxRecvDataSegment, int maxBurstLimit) {
        this.ourMaxRecvDataSegment = ourMaxRecvDataSegment;
        this.maxBurstLimit = maxBurstLimit;
        NegotiatedParameters d = NegotiatedParameters.defaults(maxBurstLimit);
        this.maxBurst = d.maxBurstLength();
        this.firstBurst = d.firstBurstLength();
    }

    /** Keys the login handler deals with itself (declarations and security keys). */
    private static boolean handledElsewhere(String key) {
        return switch (key) {
            case "InitiatorName", "TargetName", "SessionType", "InitiatorAlias", "AuthMethod" -> true;
            default -> key.startsWith("CHAP_");
        };
    }

    /** Appends the answer to every operational key of {@code offered} to {@code reply}. */
    void negotiate(List<KeyValue> offered, List<KeyValue> reply) {
        int firstBurstIndex = -1;
        for (KeyValue kv : offered) {
            String k = kv.key(), v = kv.value();
            if (handledElsewhere(k)) continue;
            String answer = switch (k) {
                case "HeaderDigest" -> {
                    String pick = digest(v);
                    if (pick != null) headerDigest = pick.equals("CRC32C");
                    yield pick == null ? "Reject" : pick;
                }
                case "DataDigest" -> {
                    String pick = digest(v);
                    if (pick != null) dataDigest = pick.equals("CRC32C");
                    yield pick == null ? "Reject" : pick;
                }
                case "MaxRecvDataSegmentLength" -> { // declarative: the initiator's receive limit
                    long n = number(v);
                    if (n >= 0) initiatorMaxRecvDataSegment = (int) Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, n));
                    yield null;
                }
                case "MaxBurstLength" -> {
                    long n = number(v);
                    if (n < MIN_SEGMENT) yield "Reject";
                    maxBurst = (int) Math.min(n, maxBurstLimit); // result function: minimum
                    yield Integer.toString(maxBurst);
                }
                case "FirstBurstLength" -> {
                    long n = number(v);
                    if (n < MIN_SEGMENT) yield "Reject";
                    firstBurst = (int) Math.min(n, maxBurstLimit);
                    firstBurstIndex = reply.size();
                    yield "";
                }
                case "InitialR2T" -> bool(v, b -> initialR2T = b);
                case "ImmediateData" -> bool(v, b -> immediateData = b);
                case "MaxOutstandingR2T", "MaxConnections" -> number(v) >= 1 ? "1" : "Reject";
                case "ErrorRecoveryLevel" -> number(v) >= 0 ? "0" : "Reject";
                case "DataPDUInOrder", "DataSequenceInOrder" -> isBool(v) ? "Yes" : "Reject";
                case "DefaultTime2Wait" -> number(v) >= 0 ? Long.toString(Math.max(number(v), 2)) : "Reject";
                case "DefaultTime2Retain" -> number(v) >= 0 ? Long.toString(Math.min(number(v), 20)) : "Reject";
                case "IFMarker", "OFMarker" -> isBool(v) ? "No" : "Reject";
                case "IFMarkInt", "OFMarkInt" -> "Irrelevant";
                case "TaskReporting" -> "RFC3720";
                case "TargetAlias", "TargetAddress", "TargetPortalGroupTag" -> null; // target-declared; ignore
                default -> "NotUnderstood";
            };
            if (answer != null) reply.add(new KeyValue(k, answer));
        }
        if (firstBurst > maxBurst) firstBurst = maxBurst; // §13.14: FirstBurstLength <= MaxBurstLength
        if (firstBurstIndex >= 0) reply.set(firstBurstIndex, new KeyValue("FirstBurstLength", Integer.toString(firstBurst)));
    }

    /** Our MaxRecvDataSegmentLength, declared once (§13.12). */
    void declare(List<KeyValue> reply) {
        if (declared) return;
        declared = true;
        reply.add(new KeyValue("MaxRecvDataSegmentLength", Integer.toString(ourMaxRecvDataSegment)));
    }

    NegotiatedParameters result() {
        return new NegotiatedParameters(headerDigest, dataDigest, initiatorMaxRecvDataSegment, maxBurst,
                Math.min(firstBurst, maxBurst), initialR2T, immediateData);
    }

    private static String digest(String offer) {
        for (String s : offer.split(",")) if (s.equals("None") || s.equals("CRC32C")) return s;
        return null;
    }

    private static boolean isBool(String v) { return v.equals("Yes") || v.equals("No"); }

    /** We support both values, so for either result function (OR, AND) the result is the offer. */
    private static String bool(String v, java.util.function.Consumer<Boolean> set) {
        if (!isBool(v)) return "Reject";
        boolean yes = v.equals("Yes");
        set.accept(yes);
        return yes ? "Yes" : "No";
    }

    private static long number(String v) {
        if (v.isEmpty() || v.length() > 10) return -1;
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
