package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.tests.differential.Difference.Aspect;
import dev.clusterlab.tests.differential.KnownDeviation.Divergence;
import dev.clusterlab.tests.differential.Observation.Sense;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The catalogue of known tgt (Debian tgt 1.0.85, usr/spc.c) deviations from SPC-4, each found by
 * running the differential sequences and judged against shared/reference/pr-conformance.md. Each
 * matcher is as narrow as the evidence allows: it names the step, the answers on both sides and,
 * where a unit attention or a generation count arrives later than its cause, the earlier step
 * that caused it (from ClusterLab's state snapshots, which equal SPC-4's state while the
 * sequence is still compared). Entries marked silent change tgt's state without any difference
 * in the answers of their own step; the runner checks them on every step and, when one fires,
 * sends its {@link Probe} to show the difference.
 */
final class TgtDeviations {
    private TgtDeviations() {}

    static final String READ_FULL_STATUS = "tgt-no-read-full-status";
    static final String PREEMPT_AND_ABORT = "tgt-no-preempt-and-abort";
    static final String PREEMPT_TYPE = "tgt-preempt-type-unchecked";
    static final String PREEMPT_ZERO_NON_AR = "tgt-preempt-zero-key-non-ar-24h";
    static final String PREEMPT_ZERO_NO_RES = "tgt-preempt-zero-key-no-reservation";
    static final String RESERVE_KEY = "tgt-reserve-skips-key-check";
    static final String RELEASE_KEY = "tgt-release-skips-key-check";
    static final String PREEMPT_UA = "tgt-preempt-ua-2Ah-03h";
    static final String RELEASE_UA = "tgt-release-ua-inverted";
    static final String UNREGISTER_UA = "tgt-holder-unregister-ua-misrouted";
    static final String NEXUS_LOSS_UA = "tgt-nexus-loss-ua-29h-00h";
    static final String GENERATION_TWICE = "tgt-generation-twice-on-holder-unregister";
    static final String PREEMPT_OWN_KEY = "tgt-preempt-keeps-own-registration";
    static final String RECONNECT = "tgt-registration-tied-to-session";
    static final String AR_HOLDER_FREED = "tgt-ar-preempt-frees-recorded-holder";
    static final String UA_PRECEDENCE = "tgt-ua-before-reservation-conflict";
    static final String RESERVE_TYPE_ORDER = "open-reserve-bad-type-from-unregistered";

    static final List<KnownDeviation> ALL = List.of(
            new KnownDeviation(READ_FULL_STATUS,
                    "READ FULL STATUS (PR IN SA 03h) is not implemented: CHECK CONDITION ILLEGAL REQUEST 24h/00h",
                    "SPC-4 §6.15.1 (service actions), §6.15.5",
                    (d, c) -> c.step() instanceof Step.PrIn p && p.action() == PrInAction.READ_FULL_STATUS
                            && d.aspect() == Aspect.STATUS && Facts.illegalRequest(c.tgt(), 0x24, 0),
                    Divergence.NEVER),
            new KnownDeviation(PREEMPT_AND_ABORT,
                    "PREEMPT AND ABORT (PR OUT SA 05h) is not implemented: 24h/00h where SPC-4 preempts (or refuses for the usual reasons)",
                    "SPC-4 §5.13.11.2.6, Table 213 (PR OUT service actions)",
                    (d, c) -> Facts.prOut(c.step(), PrOutAction.PREEMPT_AND_ABORT) != null
                            && (d.aspect() == Aspect.STATUS || d.aspect() == Aspect.SENSE) && Facts.illegalRequest(c.tgt(), 0x24, 0),
                    c -> c.ours().isGood()),
            new KnownDeviation(PREEMPT_TYPE,
                    "PREEMPT does not check TYPE: an obsolete or reserved type gets RESERVATION CONFLICT or GOOD (and becomes the"
                            + " reservation's type) instead of ILLEGAL REQUEST 24h/00h",
                    "SPC-4 §6.16.1, Table 206 (TYPE codes)",
                    (d, c) -> Facts.prOut(c.step(), PrOutAction.PREEMPT) instanceof Step.PrOut p && !Facts.validType(p.type())
                            && (d.aspect() == Aspect.STATUS || d.aspect() == Aspect.SENSE) && Facts.illegalRequest(c.ours(), 0x24, 0),
                    c -> c.tgt().isGood()),
            new KnownDeviation(PREEMPT_ZERO_NON_AR,
                    "PREEMPT with SARK 0 under a non-all-registrants reservation gets 24h/00h instead of INVALID FIELD IN PARAMETER LIST 26h/00h",
                    "SPC-4 §5.13.11.2.4, Figure 9 (SARK zero under a non-all-registrants reservation: 26h/00h)",
                    (d, c) -> Facts.prOut(c.step(), PrOutAction.PREEMPT) instanceof Step.PrOut p && p.serviceActionKey() == 0
                            && c.before().reserved() && !Facts.allRegistrantsType(c.before().reservationType())
                            && d.aspect() == Aspect.SENSE && Facts.illegalRequest(c.ours(), 0x26, 0) && Facts.illegalRequest(c.tgt(), 0x24, 0),
                    Divergence.NEVER),
            new KnownDeviation(PREEMPT_ZERO_NO_RES,
                    "PREEMPT with SARK 0 and no reservation is GOOD (and increments PRgeneration) although no registration has key 0",
                    "SPC-4 §5.13.11.2.4, Figure 9 (no reservation: SARK must match a registration, else RESERVATION CONFLICT)",
                    (d, c) -> (Facts.prOut(c.step(), PrOutAction.PREEMPT) instanceof Step.PrOut p && p.serviceActionKey() == 0
                            && !c.before().reserved() && d.aspect() == Aspect.STATUS && Facts.conflict(c.ours()) && c.tgt().isGood())
                            || generationExplainedBy(PREEMPT_ZERO_NO_RES, d, c),
                    Divergence.NEVER),
            new KnownDeviation(RESERVE_KEY,
                    "RESERVE does not compare the RESERVATION KEY with the nexus's key: a wrong key is GOOD (and reserves) instead of RESERVATION CONFLICT",
                    "SPC-4 §5.13.9, §6.16.3 (RESERVATION KEY)",
                    (d, c) -> Facts.prOut(c.step(), PrOutAction.RESERVE) instanceof Step.PrOut p
                            && Facts.registered(c.sequence(), c.before(), p.nexus()) && Facts.key(c.sequence(), c.before(), p.nexus()) != p.key()
                            && d.aspect() == Aspect.STATUS && Facts.conflict(c.ours()) && c.tgt().isGood(),
                    c -> !c.before().reserved()),
            new KnownDeviation(RELEASE_KEY,
                    "RELEASE from a registered nexus that holds no reservation (or with none present) is GOOD without checking the RESERVATION KEY",
                    "SPC-4 §5.13.11.2.2, §6.16.3 (RESERVATION KEY)",
                    (d, c) -> Facts.prOut(c.step(), PrOutAction.RELEASE) instanceof Step.PrOut p
                            && Facts.registered(c.sequence(), c.before(), p.nexus()) && Facts.key(c.sequence(), c.before(), p.nexus()) != p.key()
                            && !(c.before().reserved() && Facts.holder(c.sequence(), c.before(), p.nexus()))
                            && d.aspect() == Aspect.STATUS && Facts.conflict(c.ours()) && c.tgt().isGood(),
                    Divergence.NEVER),
            new KnownDeviation(KnownDeviation.Kind.OPEN_IN_SPC4, RESERVE_TYPE_ORDER,
                    "RESERVE with an obsolete/reserved TYPE from an unregistered nexus: two errors apply; ClusterLab reports the"
                            + " RESERVATION CONFLICT (registration checked first, notes §1.5), tgt the INVALID FIELD IN CDB 24h/00h",
                    "SPC-4 §5.13.7 (unregistered: RESERVATION CONFLICT) and §6.16.1 (TYPE: 24h/00h) both apply, unranked",
                    (d, c) -> Facts.prOut(c.step(), PrOutAction.RESERVE) instanceof Step.PrOut p && !Facts.validType(p.type())
                            && !Facts.registered(c.sequence(), c.before(), p.nexus())
                            && d.aspect() == Aspect.STATUS && Facts.conflict(c.ours()) && Facts.illegalRequest(c.tgt(), 0x24, 0),
                    Divergence.NEVER),
            uaEntry(UA_PRECEDENCE,
                    "A pending unit attention is reported before a RESERVATION CONFLICT (and so cleared by the conflicting command); SAM-5"
                            + " gives RESERVATION CONFLICT precedence and the unit attention stays pending for a later command",
                    "SAM-5 §5.3.2 (status precedence)"),
            uaEntry(PREEMPT_UA,
                    "PREEMPT tells each nexus whose registration it removed RESERVATIONS PREEMPTED 2Ah/03h instead of REGISTRATIONS PREEMPTED 2Ah/05h",
                    "SPC-4 §5.13.11.2.4-5 (removed registrations: REGISTRATIONS PREEMPTED 2Ah/05h)"),
            uaEntry(RELEASE_UA,
                    "RELEASE announces RESERVATIONS RELEASED 2Ah/04h the wrong way round: none after a WERO/EARO/WEAR/EAAR release, and after a"
                            + " WE/EA release to every nexus but one registrant (the requester and unregistered nexuses included)",
                    "SPC-4 §5.13.11.2.2 (RO/AR types: 2Ah/04h to the other registrants; WE/EA: none)"),
            uaEntry(UNREGISTER_UA,
                    "When the holder unregisters and the reservation goes, 2Ah/04h goes to every nexus except one remaining registrant"
                            + " (the requester included) instead of to the other registrants under WERO/EARO and to no one under WE/EA",
                    "SPC-4 §5.13.11.2.3 (implicit release on unregister), §5.13.10"),
            uaEntry(NEXUS_LOSS_UA,
                    "After a reconnect with the same initiator name and ISID, tgt sees a new nexus: it reports 29h/00h, not I_T NEXUS LOSS"
                            + " OCCURRED 29h/07h, and drops the reservation unit attentions still pending for the nexus",
                    "SAM-5 I_T nexus loss (29h/07h); SPC-4 §5.13.1"),
            new KnownDeviation(GENERATION_TWICE,
                    "An unregister that also releases the holder's reservation increments PRgeneration twice",
                    "SPC-4 §6.15.2 (one increment per successful REGISTER)",
                    (d, c) -> generationExplainedBy(GENERATION_TWICE, d, c),
                    Divergence.NEVER),
            new KnownDeviation(PREEMPT_OWN_KEY,
                    "(silent) PREEMPT whose SARK is the requester's own key, when it only removes registrations (no reservation, an"
                            + " all-registrants one, or SARK not the holder's key), keeps the requester's registration",
                    "SPC-4 §5.13.11.2.5 (every registration with the SARK goes, the requester's own included; notes §1.6 PREEMPT)",
                    (d, c) -> false, TgtDeviations::preemptKeptOwnRegistration),
            new KnownDeviation(RECONNECT,
                    "(silent) Registrations belong to the iSCSI session, not to the I_T nexus: after a reconnect with the same name and ISID the"
                            + " nexus is unregistered on tgt and its old registration is orphaned",
                    "SPC-4 §5.13.1, §5.13.5.1 (registrations survive I_T nexus loss), §5.13.7",
                    (d, c) -> false,
                    c -> c.step() instanceof Step.Reconnect r && Facts.registered(c.sequence(), c.before(), r.nexus())),
            new KnownDeviation(AR_HOLDER_FREED,
                    "(silent) tgt records one registrant as the holder of an all-registrants reservation; a PREEMPT that removes that"
                            + " registration frees it without moving the record, so the reservation then reads freed memory (READ"
                            + " RESERVATION shows a stale key with type 0, access checks use a garbage type)",
                    "SPC-4 §5.13.10 (an all-registrants reservation is held by every registrant while one remains)",
                    (d, c) -> false, TgtDeviations::arPreemptRemovedRecordedHolder));

    /**
     * A command that makes a silent deviation visible, sent through the step's nexus on both sides
     * right after it fires (the sequence stops there, so the probe disturbs nothing), and what its
     * answers must show for the catalogue entry to hold.
     */
    record Probe(Function<StepContext, Step> step, BiPredicate<Observation, Observation> confirms, String expectation) {}

    /** The probe of a silent entry (its effect shows in no answer of its own step), or null for the others. */
    static Probe probe(KnownDeviation k) {
        return switch (k.id()) {
            // READ KEYS: tgt still lists the requester's key, which SPC-4 (and ClusterLab) removed.
            case PREEMPT_OWN_KEY -> new Probe(c -> new Step.PrIn(c.step().nexus(), PrInAction.READ_KEYS),
                    (o, t) -> o.data() instanceof PrInData.Keys ko && t.data() instanceof PrInData.Keys kt && kt.keys().size() == ko.keys().size() + 1,
                    "tgt's READ KEYS to list one key more than ClusterLab's");
            // REGISTER with the nexus's own key: the same I_T nexus is still registered (GOOD), tgt sees a stranger (CONFLICT).
            case RECONNECT -> new Probe(c -> {
                long key = Facts.key(c.sequence(), c.before(), c.step().nexus());
                return new Step.PrOut(c.step().nexus(), PrOutAction.REGISTER, 0, key, key);
            }, (o, t) -> o.isGood() && Facts.conflict(t), "GOOD from ClusterLab and RESERVATION CONFLICT from tgt");
            // READ RESERVATION reads freed memory on tgt: what it shows is undefined, so it is recorded, not judged.
            case AR_HOLDER_FREED -> new Probe(c -> new Step.PrIn(c.step().nexus(), PrInAction.READ_RESERVATION), (o, t) -> true,
                    "(undefined: tgt reads freed memory)");
            default -> null;
        };
    }

    static boolean silent(KnownDeviation k) { return probe(k) != null; }

    /** A PREEMPT under an all-registrants reservation, kept by it, that removed the registrant tgt records as holder. */
    private static boolean arPreemptRemovedRecordedHolder(StepContext c) {
        if (!(c.step() instanceof Step.PrOut p) || p.action() != PrOutAction.PREEMPT || !c.ours().isGood() || !c.tgt().isGood()) return false;
        if (!Facts.allRegistrantsType(c.before().reservationType()) || !Facts.allRegistrantsType(c.after().reservationType())) return false;
        int recorded = tgtRecordedHolder(c.sequence(), c.history());
        return recorded >= 0 && Facts.registered(c.sequence(), c.before(), recorded) && !Facts.registered(c.sequence(), c.after(), recorded);
    }

    /**
     * The nexus tgt (usr/spc.c) records as reservation holder after {@code steps}: whoever reserved
     * or took the reservation by PREEMPT; when an all-registrants holder unregisters, the first
     * remaining registrant in registration order; nobody once the reservation is gone.
     */
    static int tgtRecordedHolder(Sequence seq, List<StepResult> steps) {
        int holder = -1;
        for (StepResult w : steps) {
            if (!w.after().reserved()) {
                holder = -1;
                continue;
            }
            if (!(w.step() instanceof Step.PrOut p) || !Facts.bothGood(w)) continue;
            boolean taken = !w.before().reserved() && p.action() == PrOutAction.RESERVE;
            int oldType = w.before().reservationType();
            boolean caseB = p.action() == PrOutAction.PREEMPT && Facts.allRegistrantsType(oldType) && p.serviceActionKey() == 0;
            boolean caseE = p.action() == PrOutAction.PREEMPT && w.before().reserved() && !Facts.allRegistrantsType(oldType)
                    && p.serviceActionKey() != 0 && Facts.holderKey(w.before()) == p.serviceActionKey();
            if (taken || caseB || caseE) holder = p.nexus();
            else if (p.unregisters() && p.nexus() == holder && !w.after().registrants().isEmpty())
                holder = Facts.nexusOf(seq, w.after().registrants().get(0));
        }
        return holder;
    }

    private static KnownDeviation uaEntry(String id, String description, String clause) {
        return new KnownDeviation(id, description, clause, (d, c) -> d.aspect() == Aspect.UNIT_ATTENTIONS && uaCauses(c).contains(id)
                && !uaCauses(c).contains(null), Divergence.NEVER);
    }

    private static boolean preemptKeptOwnRegistration(StepContext c) {
        if (!(c.step() instanceof Step.PrOut p) || p.action() != PrOutAction.PREEMPT || !c.ours().isGood() || !c.tgt().isGood()) return false;
        return p.serviceActionKey() != 0 && Facts.key(c.sequence(), c.before(), p.nexus()) == p.serviceActionKey()
                && !Facts.registered(c.sequence(), c.after(), p.nexus());
    }

    /** The cause of each unit attention one side reported and the other did not (null where none is known). */
    static List<String> uaCauses(StepContext c) {
        List<Sense> ours = c.ours().distinctUnitAttentions(), tgt = c.tgt().distinctUnitAttentions();
        List<String> causes = new ArrayList<>();
        for (Sense s : tgt) if (!ours.contains(s)) causes.add(uaCause(s, true, c));
        for (Sense s : ours) if (!tgt.contains(s)) causes.add(uaCause(s, false, c));
        return causes;
    }

    /** Which known deviation makes tgt report {@code s} (extraInTgt) or not report it, at this step. */
    static String uaCause(Sense s, boolean extraInTgt, StepContext c) {
        int n = c.step().nexus();
        Sequence seq = c.sequence();
        if (c.step() instanceof Step.Reconnect && (extraInTgt ? s.is(0x29, 0x00) : s.is(0x29, 0x07) || s.asc() == 0x2A)) return NEXUS_LOSS_UA;
        // tgt reported it now, ahead of the conflict; ClusterLab keeps it pending (SAM-5 §5.3.2)
        if (extraInTgt && Facts.conflict(c.ours()) && c.ours().unitAttentions().isEmpty() && Facts.conflict(c.tgt())
                && pendingMatches(c.oursPending(), s)) return UA_PRECEDENCE;
        if (!extraInTgt && tgtReportedItAheadOfConflict(s, c)) return UA_PRECEDENCE;
        List<StepResult> window = Facts.sinceLastStepOf(c.history(), n);
        if (extraInTgt ? s.is(0x2A, 0x03) : s.is(0x2A, 0x05))
            for (StepResult w : window) if (Facts.preemptRemoved(seq, w, n)) return PREEMPT_UA;
        if (!s.is(0x2A, 0x04)) return null;
        for (StepResult w : window) {
            int type = w.before().reservationType();
            if (Facts.releaseReleased(w)) {
                if (extraInTgt && !Facts.registrantsType(type)) return RELEASE_UA;
                if (!extraInTgt && Facts.registrantsType(type) && w.step().nexus() != n && Facts.registered(seq, w.before(), n)) return RELEASE_UA;
            }
            if (Facts.holderUnregisterReleased(seq, w)) {
                if (extraInTgt) return UNREGISTER_UA;
                if ((type == 5 || type == 6) && w.step().nexus() != n && Facts.registered(seq, w.after(), n)) return UNREGISTER_UA;
            }
        }
        return null;
    }

    /**
     * Whether tgt already reported {@code s} (or its 2Ah/03h stand-in for 2Ah/05h) at one of this
     * nexus's immediately preceding steps that ClusterLab answered with RESERVATION CONFLICT and no
     * unit attention: ClusterLab then reports it now, at its first command that does not conflict.
     */
    private static boolean tgtReportedItAheadOfConflict(Sense s, StepContext c) {
        int n = c.step().nexus();
        for (int i = c.history().size() - 1; i >= 0; i--) {
            StepResult h = c.history().get(i);
            if (h.step().nexus() != n) continue;
            if (!Facts.conflict(h.ours()) || !h.ours().unitAttentions().isEmpty() || !h.oursPending().contains(s)) return false;
            for (Sense t : h.tgt().unitAttentions()) if (pendingMatches(List.of(s), t)) return true;
        }
        return false;
    }

    /** Whether ClusterLab holds {@code tgtReported} pending, or the 2Ah/05h that tgt reports as 2Ah/03h. */
    private static boolean pendingMatches(List<Sense> oursPending, Sense tgtReported) {
        for (Sense p : oursPending) if (p.equals(tgtReported) || (p.is(0x2A, 0x05) && tgtReported.is(0x2A, 0x03))) return true;
        return false;
    }

    /** tgt's extra PRgeneration increments at one step, by cause (SPC-4 §6.15.2 counts one per counted action). */
    static String generationCause(Sequence seq, StepResult w) {
        if (Facts.holderUnregisterReleased(seq, w)) return GENERATION_TWICE;
        if (Facts.prOut(w.step(), PrOutAction.PREEMPT) instanceof Step.PrOut p && p.serviceActionKey() == 0 && !w.before().reserved()
                && !w.ours().isGood() && w.tgt().isGood()) return PREEMPT_ZERO_NO_RES;
        return null;
    }

    /** A generation difference whose size is exactly the known extra increments in its window, one of them by {@code id}. */
    private static boolean generationExplainedBy(String id, Difference d, StepContext c) {
        if (d.aspect() != Aspect.GENERATION) return false;
        int extra = 0;
        boolean mine = false;
        for (StepResult w : c.window(d.windowStart())) {
            String cause = generationCause(c.sequence(), w);
            if (cause == null) continue;
            extra++;
            mine |= cause.equals(id);
        }
        return mine && extra == d.skew();
    }
}
