package dev.clusterlab.engine.capture;

import dev.clusterlab.engine.capture.CaptureComparison.Kind;
import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts one difference between their target's answer and a conforming logical unit's into words,
 * with the SPC-4 (or SAM-5) clause that decides it and, where the comparison's history knows it,
 * the earlier act that makes the conforming answer what it is. The categories follow the tgt
 * deviations the differential tests catalogued (unimplemented service actions, the wrong unit
 * attention after PREEMPT, new-nexus notices, PR state that differs).
 */
final class CaptureComparisonExplanations {
    /** Why an answer differs; {@code diverges} when the two logical units' states now differ too. */
    record Explanation(Kind kind, String text, String clause, boolean diverges, String ours) {
        static Explanation of(Kind kind, String text, String clause, boolean diverges) {
            return new Explanation(kind, text, clause, diverges, null);
        }
    }

    private final ImportedCommand c;
    private final String who;
    private final ReservationSnapshot before;
    private final CaptureComparisonHistory history;
    private final Map<ItNexus, String> names;
    private final int opcode;
    private final int serviceAction;

    CaptureComparisonExplanations(ImportedCommand c, String who, ReservationSnapshot before, CaptureComparisonHistory history,
                                  Map<ItNexus, String> names) {
        this.c = c;
        this.who = who;
        this.before = before;
        this.history = history;
        this.names = names;
        this.opcode = c.cdb().length > 0 ? c.cdb()[0] & 0xFF : -1;
        this.serviceAction = c.cdb().length > 1 ? c.cdb()[1] & 0x1F : -1;
    }

    // ---------------------------------------------------------------- unit attentions

    /** Their target reported a unit attention where a conforming LU has none pending. */
    Explanation unexpectedUnitAttention() {
        AdditionalSense a = c.sense().additional();
        if (a.asc() == 0x29) {
            return new Explanation(Kind.PERMITTED, "their target reported " + a + " to " + who + ", which a conforming LU has no reason"
                    + " to report here; a target may announce a reset or power on to a nexus it has not seen before, so this is allowed"
                    + " (the command was not executed there, so it is not executed here either)", "SAM-5 §6.3.1", false, "GOOD (no unit attention pending)");
        }
        return new Explanation(Kind.DEVIATION, "their target reported " + a + " to " + who + " but nothing happened that SPC-4"
                + " announces this way to it" + cause(), uaClause(a), false, "no unit attention pending");
    }

    /** A conforming LU reports a unit attention that their target did not. */
    Explanation missingUnitAttention(ScsiResponse ours) {
        AdditionalSense a = ours.sense().additional();
        return Explanation.of(Kind.DEVIATION, "their target did not report " + a + " to " + who + "; a conforming LU does"
                + uaCause(a) + " (the command is then repeated here, as an initiator would)", uaClause(a), false);
    }

    private String uaCause(AdditionalSense a) {
        CaptureComparisonHistory.Act removed = history.registrationRemovedBy(c.nexus());
        CaptureComparisonHistory.Act ended = history.sessionEnded(c.nexus());
        if (a.asc() == 0x2A && removed != null) return " after " + removed.told() + " removed its registration";
        if (a.asc() == 0x29 && a.ascq() == 0x07 && ended != null) return " because its previous session ended at " + CaptureImport.seconds(ended.time());
        if (a.asc() == 0x29 && history.lastReset() != null) return " because of " + history.lastReset().told();
        return cause();
    }

    private String cause() {
        CaptureComparisonHistory.Act last = history.lastPrChange();
        return last == null ? "" : " (the last reservation change was " + last.told() + ")";
    }

    static String uaClause(AdditionalSense a) {
        if (a.asc() == 0x2A && a.ascq() == 0x03) return "SPC-4 §5.13.11.2.7 (CLEAR: 2Ah/03h), §5.13.11.2.4 (PREEMPT: 2Ah/05h)";
        if (a.asc() == 0x2A && a.ascq() == 0x04) return "SPC-4 §5.13.11.2.2 (RELEASE of RO/AR types: 2Ah/04h to the other registrants)";
        if (a.asc() == 0x2A && a.ascq() == 0x05) return "SPC-4 §5.13.11.2.4 (PREEMPT: 2Ah/05h to each nexus whose registration was removed)";
        if (a.asc() == 0x29 && a.ascq() == 0x07) return "SAM-5 §6.3.4 (I_T nexus loss)";
        if (a.asc() == 0x29) return "SAM-5 §6.3 (resets and power on)";
        return "SAM-5 §5.14 (unit attention condition)";
    }

    // ---------------------------------------------------------------- answers

    /** Why their answer differs from {@code ours}, or null when it does not. */
    Explanation difference(ScsiResponse ours) {
        if (c.status() != ours.status()) return statusDiffers(ours);
        if (ours.status() == ScsiStatus.CHECK_CONDITION) {
            SenseData theirs = c.sense(), mine = ours.sense();
            if (theirs != null && theirs.key() == mine.key() && theirs.additional().equals(mine.additional())) return null;
            return senseDiffers(theirs, mine);
        }
        if (ours.status() == ScsiStatus.GOOD && opcode == Opcode.PERSISTENT_RESERVE_IN) return prInDiffers(ours);
        return null;
    }

    private Explanation statusDiffers(ScsiResponse ours) {
        boolean prOut = opcode == Opcode.PERSISTENT_RESERVE_OUT;
        SenseData theirs = c.sense();
        if (theirs != null && theirs.key() == SenseKey.ILLEGAL_REQUEST && ours.isGood()
                && (theirs.asc() == 0x24 || theirs.asc() == 0x20) && (prOut || opcode == Opcode.PERSISTENT_RESERVE_IN)) {
            return Explanation.of(Kind.DEVIATION, "their target does not implement " + serviceActionName() + " (" + theirs.additional()
                    + "); SPC-4 defines it and a conforming LU performs it", serviceActionClause(), prOut);
        }
        if (ours.status() == ScsiStatus.CHECK_CONDITION && ours.sense().key() == SenseKey.ILLEGAL_REQUEST
                && ours.sense().asc() == 0x20 && c.status() == ScsiStatus.GOOD) {
            return Explanation.of(Kind.PERMITTED, "their target supports " + command() + ", which ClusterLab's logical unit does not"
                    + " implement", null, false);
        }
        if (theirs != null && theirs.key() == SenseKey.UNIT_ATTENTION && ours.status() == ScsiStatus.RESERVATION_CONFLICT) {
            return Explanation.of(Kind.DEVIATION, "their target reported the pending unit attention " + theirs.additional() + " to "
                    + who + " instead of RESERVATION CONFLICT for " + command() + " (" + state() + "); RESERVATION CONFLICT takes"
                    + " precedence and the unit attention stays pending for a later command", "SAM-5 §5.3.2 (status precedence)", false);
        }
        if (c.status() == ScsiStatus.GOOD && ours.status() == ScsiStatus.RESERVATION_CONFLICT) {
            return Explanation.of(Kind.DEVIATION, "their target returned GOOD to " + command() + " from " + who
                    + " where a conforming LU returns RESERVATION CONFLICT because " + conflictReason(), conflictClause(), prOut);
        }
        if (c.status() == ScsiStatus.RESERVATION_CONFLICT && ours.isGood()) {
            return Explanation.of(Kind.DEVIATION, "their target refused " + command() + " from " + who
                    + " with RESERVATION CONFLICT where a conforming LU accepts it: " + state(), conflictClause(), prOut);
        }
        return Explanation.of(Kind.DEVIATION, "their target answered " + describe(c.status(), c.sense()) + " to " + command()
                + " where a conforming LU answers " + describe(ours.status(), ours.sense()) + "; " + state(),
                prOut || opcode == Opcode.PERSISTENT_RESERVE_IN ? serviceActionClause() : null, prOut);
    }

    private Explanation senseDiffers(SenseData theirs, SenseData mine) {
        if (theirs != null && theirs.key() == SenseKey.UNIT_ATTENTION && mine.key() == SenseKey.UNIT_ATTENTION) {
            AdditionalSense t = theirs.additional(), o = mine.additional();
            if (t.asc() == 0x2A && t.ascq() == 0x03 && o.asc() == 0x2A && o.ascq() == 0x05) {
                return Explanation.of(Kind.DEVIATION, "their target told " + who + " RESERVATIONS PREEMPTED 2Ah/03h"
                        + uaCause(o) + "; SPC-4 requires REGISTRATIONS PREEMPTED 2Ah/05h for a nexus whose registration a PREEMPT removed",
                        uaClause(o), false);
            }
            if (t.asc() == 0x29 && o.asc() == 0x29 && o.ascq() == 0x07) {
                return Explanation.of(Kind.DEVIATION, "their target treated " + who + "'s return (same initiator name and ISID) as a new"
                        + " nexus and reported " + t + " instead of I_T NEXUS LOSS OCCURRED 29h/07h" + uaCause(o), uaClause(o), false);
            }
            return Explanation.of(Kind.DEVIATION, "their target reported " + t + " to " + who + " where a conforming LU reports " + o
                    + uaCause(o), uaClause(o), false);
        }
        boolean prOut = opcode == Opcode.PERSISTENT_RESERVE_OUT;
        return Explanation.of(Kind.DEVIATION, "their target answered " + describe(c.status(), theirs) + " to " + command()
                + " where a conforming LU answers " + describe(ScsiStatus.CHECK_CONDITION, mine) + "; " + state(),
                prOut || opcode == Opcode.PERSISTENT_RESERVE_IN ? serviceActionClause() : null, false);
    }

    private Explanation prInDiffers(ScsiResponse ours) {
        CaptureComparisonPrIn t = CaptureComparisonPrIn.parse(serviceAction, c.dataIn());
        CaptureComparisonPrIn o = CaptureComparisonPrIn.parse(serviceAction, ours.dataIn());
        switch (serviceAction) {
            case CaptureComparisonPrIn.READ_RESERVATION -> {
                CaptureComparisonHistory.Act r = history.reservation();
                if (!t.reserved() && o.reserved())
                    return Explanation.of(Kind.DEVIATION, "their target returned GOOD to READ RESERVATION but no reservation; SPC-4 keeps"
                            + " it until it is released, preempted or cleared: " + (r == null ? "one exists" : r.told() + " made it")
                            + " (" + holderText(o) + ") and nothing removed it since", "SPC-4 §5.13.10, §6.15.3", true);
                if (t.reserved() && !o.reserved())
                    return Explanation.of(Kind.DEVIATION, "their target reports a reservation (" + holderText(t) + ") but under SPC-4"
                            + " none exists" + cause(), "SPC-4 §5.13.10, §6.15.3", true);
                if (t.reserved() && (t.holderKey() != o.holderKey() || t.type() != o.type()))
                    return Explanation.of(Kind.DEVIATION, "their target reports the reservation as " + holderText(t)
                            + " where a conforming LU has " + holderText(o) + (r == null ? "" : " (" + r.told() + ")"),
                            "SPC-4 §5.13.10, §6.15.3", true);
            }
            case CaptureComparisonPrIn.READ_KEYS, CaptureComparisonPrIn.READ_FULL_STATUS -> {
                if (!new java.util.HashSet<>(t.keys()).equals(new java.util.HashSet<>(o.keys())) || t.keys().size() != o.keys().size())
                    return Explanation.of(Kind.DEVIATION, "their target lists " + CaptureComparisonPrIn.keys(t.keys())
                            + " where a conforming LU lists " + CaptureComparisonPrIn.keys(o.keys()) + cause(),
                            serviceAction == 0 ? "SPC-4 §6.15.2 (READ KEYS)" : "SPC-4 §6.15.5 (READ FULL STATUS)", true);
                if (serviceAction == CaptureComparisonPrIn.READ_FULL_STATUS && (t.reserved() != o.reserved() || t.holderKey() != o.holderKey()))
                    return Explanation.of(Kind.DEVIATION, "their target's READ FULL STATUS shows " + (t.reserved() ? holderText(t) : "no holder")
                            + " where a conforming LU shows " + (o.reserved() ? holderText(o) : "no holder"), "SPC-4 §6.15.5", true);
            }
            case CaptureComparisonPrIn.REPORT_CAPABILITIES -> {
                if (!java.util.Arrays.equals(t.capabilities(), o.capabilities()))
                    return Explanation.of(Kind.PERMITTED, "their target reports capabilities " + hex(t.capabilities())
                            + " (bytes 2-5) where ClusterLab's LU reports " + hex(o.capabilities()) + ": which optional features a target"
                            + " offers is its choice, but it must only advertise what it implements", "SPC-4 §6.15.4", false);
            }
            default -> { }
        }
        if (t.generation() >= 0 && o.generation() >= 0 && serviceAction != CaptureComparisonPrIn.REPORT_CAPABILITIES
                && history.newGenerationOffset(t.generation() - o.generation()))
            return Explanation.of(Kind.DEVIATION, "their target reports PRgeneration " + t.generation() + " where a conforming LU has "
                    + o.generation() + "; SPC-4 increments it once per successful REGISTER, REGISTER AND IGNORE EXISTING KEY, REGISTER"
                    + " AND MOVE, CLEAR, PREEMPT or PREEMPT AND ABORT and never for RESERVE, RELEASE or a failed command" + cause(),
                    "SPC-4 §6.15.2", false);
        return null;
    }

    // ---------------------------------------------------------------- wording

    private String command() { return dev.clusterlab.engine.scsi.decode.ScsiDecoder.summarize(c.cdb(), c.dataOut()); }

    /** "PERSISTENT RESERVE IN service action READ FULL STATUS (03h)". */
    private String serviceActionName() {
        String label;
        try {
            label = opcode == Opcode.PERSISTENT_RESERVE_IN ? PrInAction.fromCode(serviceAction).label() : PrOutAction.fromCode(serviceAction).label();
        } catch (IllegalArgumentException e) {
            label = "service action";
        }
        return (opcode == Opcode.PERSISTENT_RESERVE_IN ? "PERSISTENT RESERVE IN " : "PERSISTENT RESERVE OUT ") + label
                + String.format(" (%02Xh)", serviceAction);
    }

    private static String holderText(CaptureComparisonPrIn p) {
        return "key " + CaptureComparisonPrIn.key(p.holderKey()) + ", " + SgPersistFormat.typeName(p.type());
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(sb.isEmpty() ? "" : " ").append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        return sb.toString();
    }

    /** The reservation state before the command, in words. */
    private String state() {
        StringBuilder sb = new StringBuilder();
        if (before.registrants().isEmpty()) sb.append("no nexus was registered");
        else {
            sb.append("registered: ");
            boolean first = true;
            for (ReservationSnapshot.Registrant r : before.registrants()) {
                sb.append(first ? "" : ", ").append(name(r)).append(" (").append(CaptureComparisonPrIn.key(r.key())).append(')');
                first = false;
            }
        }
        if (before.reserved()) {
            CaptureComparisonHistory.Act r = history.reservation();
            sb.append("; reserved ").append(SgPersistFormat.typeName(before.reservationType()));
            if (r != null) sb.append(" by ").append(r.told());
        } else sb.append("; no reservation");
        return sb.toString();
    }

    private String conflictReason() {
        if (opcode == Opcode.PERSISTENT_RESERVE_OUT && c.dataOut().length >= 8) {
            long key = 0;
            for (int i = 0; i < 8; i++) key = (key << 8) | (c.dataOut()[i] & 0xFF);
            ReservationSnapshot.Registrant mine = registrant();
            if (mine == null && serviceAction != PrOutAction.REGISTER.code() && serviceAction != PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY.code())
                return who + " is not registered (" + state() + ")";
            if (mine != null && mine.key() != key && serviceAction != PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY.code())
                return "RESERVATION KEY " + CaptureComparisonPrIn.key(key) + " is not " + who + "'s registered key "
                        + CaptureComparisonPrIn.key(mine.key());
            if (mine == null && key != 0) return who + " is not registered, so its RESERVATION KEY must be 0";
        }
        return state();
    }

    private ReservationSnapshot.Registrant registrant() {
        for (ReservationSnapshot.Registrant r : before.registrants())
            if (r.initiator().equals(c.nexus().initiator()) && (r.targetPort() == null || r.targetPort().equals(c.nexus().target()))) return r;
        return null;
    }

    private String name(ReservationSnapshot.Registrant r) {
        if (r.targetPort() != null) {
            String n = names.get(new ItNexus(r.initiator(), r.targetPort()));
            if (n != null) return n;
        }
        return r.initiator().displayName();
    }

    private String conflictClause() {
        if (opcode != Opcode.PERSISTENT_RESERVE_OUT) return "SPC-4 §5.13.1, Table 65 (commands allowed to a non-holder)";
        return serviceActionClause() + "; SPC-4 §5.13.1, Table 66";
    }

    private String serviceActionClause() {
        if (opcode == Opcode.PERSISTENT_RESERVE_IN) {
            return switch (serviceAction) {
                case 0 -> "SPC-4 §6.15.2";
                case 1 -> "SPC-4 §6.15.3";
                case 2 -> "SPC-4 §6.15.4";
                case 3 -> "SPC-4 §6.15.5";
                default -> "SPC-4 §6.15.1";
            };
        }
        if (opcode != Opcode.PERSISTENT_RESERVE_OUT) return null;
        return switch (serviceAction) {
            case 0 -> "SPC-4 §5.13.7, Table 67";
            case 6 -> "SPC-4 §5.13.7, Table 68";
            case 1 -> "SPC-4 §5.13.9";
            case 2 -> "SPC-4 §5.13.11.2.2";
            case 3 -> "SPC-4 §5.13.11.2.7";
            case 4 -> "SPC-4 §5.13.11.2.4";
            case 5 -> "SPC-4 §5.13.11.2.6";
            case 7 -> "SPC-4 §5.13.8";
            case 8 -> "SPC-4 §5.13.11.3";
            default -> "SPC-4 §6.16.1";
        };
    }

    /** "GOOD", "RESERVATION CONFLICT", "CHECK CONDITION UNIT ATTENTION 2Ah/05h REGISTRATIONS PREEMPTED". */
    static String describe(ScsiStatus status, SenseData sense) {
        if (status == null) return "(no answer)";
        if (status != ScsiStatus.CHECK_CONDITION || sense == null) return status.label();
        return status.label() + " " + sense.key().label() + " " + sense.additional();
    }

    /** Short names for the nexuses: the initiator name's last part, numbered (#1, #2) when several nexuses share it. */
    static Map<ItNexus, String> shortNames(List<ImportedNexus> nexuses) {
        Map<String, Integer> uses = new HashMap<>();
        Map<ItNexus, String> base = new LinkedHashMap<>();
        for (ImportedNexus n : nexuses) {
            if (base.containsKey(n.nexus())) continue;
            String name = n.initiatorName();
            int colon = name.lastIndexOf(':');
            String shortName = colon >= 0 && colon < name.length() - 1 ? name.substring(colon + 1) : name;
            base.put(n.nexus(), shortName);
            uses.merge(shortName, 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<ItNexus, String> out = new LinkedHashMap<>();
        for (Map.Entry<ItNexus, String> e : base.entrySet()) {
            String s = e.getValue();
            if (uses.get(s) > 1) s += "#" + seen.merge(s, 1, Integer::sum);
            out.put(e.getKey(), s);
        }
        return out;
    }
}
