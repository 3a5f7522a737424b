package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiSession;
import dev.clusterlab.engine.iscsi.initiator.IscsiTransportException;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs sequences against tgtd and ClusterLab's target through ClusterLab's initiator (one
 * {@link IscsiSession} per nexus and side), compares every step and explains each difference
 * with the catalogue. Both targets get a fresh logical unit per sequence ({@link TargetSide#freshTarget}).
 *
 * <p>Use: {@code try (DifferentialRunner r = DifferentialRunner.start(n)) { r.run(index, sequence); }}.
 */
public final class DifferentialRunner implements AutoCloseable {
    static final InitiatorSettings SETTINGS = InitiatorSettings.DEFAULT.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    private final TgtdSide tgt;
    private final ClusterLabSide ours;
    private final List<KnownDeviation> catalogue;

    private DifferentialRunner(TgtdSide tgt, ClusterLabSide ours, List<KnownDeviation> catalogue) {
        this.tgt = tgt;
        this.ours = ours;
        this.catalogue = catalogue;
    }

    /** Starts tgtd and ClusterLab's target with room for {@code sequences} sequences; fails clearly when tgtd cannot run. */
    public static DifferentialRunner start(int sequences) throws Exception {
        TgtdSide tgt = TgtdSide.start();
        try {
            return new DifferentialRunner(tgt, ClusterLabSide.start(sequences, tgt.port()), TgtDeviations.ALL);
        } catch (Exception | Error e) {
            tgt.close();
            throw e;
        }
    }

    public SequenceResult run(int index, Sequence sequence) throws Exception {
        String oursIqn = ours.freshTarget(index), tgtIqn = tgt.freshTarget(index);
        List<IscsiSession> oursSessions = new ArrayList<>(), tgtSessions = new ArrayList<>();
        try {
            for (InitiatorIdentity id : sequence.nexuses()) {
                oursSessions.add(login(ours, oursIqn, id));
                tgtSessions.add(login(tgt, tgtIqn, id));
            }
            ResponseComparator comparator = new ResponseComparator();
            List<StepResult> results = new ArrayList<>();
            String stopped = null;
            for (int i = 0; i < sequence.steps().size() && stopped == null; i++) {
                StepResult r = runStep(index, sequence, i, comparator, results, oursSessions, tgtSessions);
                results.add(r);
                if (r.hasUnexplained()) {
                    stopped = "unexplained difference at step " + i + "; later steps would only echo it";
                    if (r.ours().transportError() != null) stopped += "; ClusterLab target events: " + ours.troubleEvents();
                } else {
                    String diverged = divergence(r, new StepContext(sequence, i, r.step(), r.ours(), r.tgt(), r.before(), r.after(),
                            r.oursPending(), results.subList(0, i)));
                    if (diverged != null) stopped = "known tgt deviation " + diverged + " at step " + i + " leaves tgt in another state";
                }
            }
            return new SequenceResult(index, sequence, results, stopped);
        } finally {
            for (IscsiSession s : oursSessions) s.close();
            for (IscsiSession s : tgtSessions) s.close();
            ours.retire(index);
            tgt.retire(index);
        }
    }

    /** Sends one step to both sides, compares the answers and explains each difference (probing a silent deviation that fires). */
    private StepResult runStep(int index, Sequence sequence, int i, ResponseComparator comparator, List<StepResult> history,
                               List<IscsiSession> oursSessions, List<IscsiSession> tgtSessions) {
        Step step = sequence.steps().get(i);
        ReservationSnapshot before = ours.snapshot(index);
        Observation o = execute(oursSessions.get(step.nexus()), step);
        Observation t = execute(tgtSessions.get(step.nexus()), step);
        ReservationSnapshot after = ours.snapshot(index);
        List<Observation.Sense> pending = ours.pendingUnitAttentions(index, sequence.nexuses().get(step.nexus()));
        StepContext context = new StepContext(sequence, i, step, o, t, before, after, pending, history);
        List<StepResult.Verdict> verdicts = new ArrayList<>();
        for (Difference d : comparator.compare(i, o, t)) verdicts.add(new StepResult.Verdict(d, explain(d, context)));
        for (KnownDeviation k : catalogue) {
            if (!TgtDeviations.silent(k) || !k.divergesWhen().diverges(context)) continue;
            verdicts.add(probe(k, context, oursSessions, tgtSessions));
            break; // a probe may change state: one per step, and the sequence stops here
        }
        return new StepResult(i, step, o, t, before, after, pending, verdicts);
    }

    /** The id of the first explaining entry (or fired silent entry) after which tgt's state differs, or null. */
    private static String divergence(StepResult r, StepContext c) {
        for (StepResult.Verdict v : r.verdicts())
            if (v.explained() && v.explainedBy().divergesWhen().diverges(c)) return v.explainedBy().id();
        return null;
    }

    /** Runs a silent entry's probe on both sides: explained when its answers show the deviation, unexplained otherwise. */
    private static StepResult.Verdict probe(KnownDeviation k, StepContext c, List<IscsiSession> ours, List<IscsiSession> tgt) {
        TgtDeviations.Probe probe = TgtDeviations.probe(k);
        Step step = probe.step().apply(c);
        Observation o = execute(ours.get(step.nexus()), step), t = execute(tgt.get(step.nexus()), step);
        boolean shown = probe.confirms().test(o, t);
        String tgtText = t + (shown ? "" : "; expected " + probe.expectation() + " (" + k.id() + ")");
        return new StepResult.Verdict(new Difference(Difference.Aspect.STATE, "probe " + step.describe() + ": " + o, tgtText, c.index()),
                shown ? k : null);
    }

    private KnownDeviation explain(Difference d, StepContext c) {
        for (KnownDeviation k : catalogue) if (k.explains(d, c)) return k;
        return null;
    }

    /** Logs in and clears the login-time unit attentions (29h/0xh on a new nexus), which are not compared. */
    private static IscsiSession login(TargetSide side, String iqn, InitiatorIdentity id) throws IOException {
        IscsiSession s = IscsiSession.open(side.address(), iqn, side.lun(), id, SETTINGS);
        for (int i = 0; i < Observation.MAX_UNIT_ATTENTIONS; i++) {
            ScsiResponse r = s.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
            if (!Observation.isUnitAttention(r)) return s;
        }
        s.close();
        throw new IOException(side.label() + ": TEST UNIT READY still reports unit attentions after login as " + id.portName());
    }

    /** Sends the step's command until it is not answered with a unit attention (SAM-5: a command that reports one is not processed). */
    static Observation execute(IscsiSession session, Step step) {
        List<Observation.Sense> uas = new ArrayList<>();
        try {
            if (step instanceof Step.Reconnect) session.reconnect();
            ScsiRequest request = Step.requestOf(step);
            PrInAction prIn = step instanceof Step.PrIn p ? p.action() : null;
            for (int i = 0; i <= Observation.MAX_UNIT_ATTENTIONS; i++) {
                ScsiResponse r = session.execute(request);
                if (!Observation.isUnitAttention(r)) return Observation.of(uas, r, prIn);
                uas.add(Observation.Sense.of(r.sense()));
            }
            return Observation.transportFailure(uas, "more than " + Observation.MAX_UNIT_ATTENTIONS + " unit attentions in a row");
        } catch (IscsiTransportException | IOException e) {
            return Observation.transportFailure(uas, e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            ours.close();
        } finally {
            tgt.close();
        }
    }
}
