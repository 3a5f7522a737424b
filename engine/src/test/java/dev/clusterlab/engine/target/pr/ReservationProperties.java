package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random command sequences from four initiators through two target ports — PR OUT (sometimes
 * malformed), PR IN, RESERVE/RELEASE(6), READ/WRITE and task management — checking after every
 * step the invariants of SPC-4 §5.13 and §6.15-6.16.
 */
class ReservationProperties {

    /** One step of a scenario. */
    sealed interface Step {}

    /** A PR OUT; {@code rkFromState} uses the requester's current key as RESERVATION KEY. */
    record PrOut(int nexus, int sa, int type, int scope, boolean rkFromState, long rk, long sark, boolean allTgPt,
                 Malformation malformation, int moveTarget) implements Step {}

    enum Malformation { NONE, SHORT_LIST, LONG_LIST, RESERVED_SA, SPEC_I_PT_ELSEWHERE, APTPL_UNSUPPORTED, SHORT_DATA_OUT }

    record PrIn(int nexus, int sa, int allocation) implements Step {}

    record Spc2(int nexus, boolean reserve) implements Step {}

    record Io(int nexus, boolean write) implements Step {}

    record Tmf(int nexus, int kind) implements Step {}

    /** REQUEST SENSE: how an initiator collects a pending unit attention without side effects. */
    record RequestSense(int nexus) implements Step {}

    @Provide
    Arbitrary<List<Step>> scenarios() {
        // Mostly A1, A2, B1 and C1, so that the same nexuses register, reserve and preempt each other.
        Arbitrary<Integer> nexus = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(3, 1), Tuple.of(6, 2), Tuple.of(1, 3),
                Tuple.of(4, 4), Tuple.of(1, 5), Tuple.of(1, 6), Tuple.of(1, 7));
        // Few keys, so that keys collide; 0 now and then (unregister, the zero-key cases).
        Arbitrary<Long> key = Arbitraries.frequency(Tuple.of(1, 0L), Tuple.of(2, 1L), Tuple.of(2, 2L), Tuple.of(2, 3L), Tuple.of(1, 4L));
        Arbitrary<Integer> scope = Arbitraries.frequency(Tuple.of(20, 0), Tuple.of(1, 1));
        Arbitrary<Boolean> rkFromState = Arbitraries.frequency(Tuple.of(6, true), Tuple.of(1, false));
        Arbitrary<Boolean> allTgPt = Arbitraries.frequency(Tuple.of(8, false), Tuple.of(1, true));
        Arbitrary<Malformation> malformation = Arbitraries.frequency(Tuple.of(12, Malformation.NONE),
                Tuple.of(1, Malformation.SHORT_LIST), Tuple.of(1, Malformation.LONG_LIST), Tuple.of(1, Malformation.RESERVED_SA),
                Tuple.of(1, Malformation.SPEC_I_PT_ELSEWHERE), Tuple.of(1, Malformation.APTPL_UNSUPPORTED),
                Tuple.of(1, Malformation.SHORT_DATA_OUT));
        Arbitrary<Integer> sa = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(3, 6), Tuple.of(3, 1), Tuple.of(2, 2),
                Tuple.of(1, 3), Tuple.of(2, 4), Tuple.of(1, 5), Tuple.of(1, 7));
        Arbitrary<Integer> type = Arbitraries.frequency(Tuple.of(8, -1), Tuple.of(1, 0)).flatMap(valid -> valid < 0
                ? Arbitraries.of(1, 3, 5, 6, 7, 8) : Arbitraries.of(0, 2, 4, 9, 15));
        Arbitrary<Step> prOut = Combinators.combine(nexus, sa, type, scope, rkFromState, key, key, allTgPt)
                .as((n, a, t, sc, fs, rk, sark, atp) -> new PrOut(n, a, t, sc, fs, rk, sark, atp, Malformation.NONE, 0))
                .flatMap(p -> Combinators.combine(malformation, nexus).as((m, target) ->
                        (Step) new PrOut(p.nexus(), p.sa(), p.type(), p.scope(), p.rkFromState(), p.rk(), p.sark(), p.allTgPt(), m, target)));
        Arbitrary<Step> prIn = Combinators.combine(nexus, Arbitraries.integers().between(0, 5), Arbitraries.of(0, 7, 8, 30, 4096))
                .as(PrIn::new);
        // SPC-2 RESERVE shuts out every PR command until released, so it is rarer than RELEASE.
        Arbitrary<Step> spc2 = Combinators.combine(nexus, Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false))).as(Spc2::new);
        Arbitrary<Step> io = Combinators.combine(nexus, Arbitraries.of(true, false)).as(Io::new);
        Arbitrary<Step> tmf = Combinators.combine(nexus, Arbitraries.integers().between(0, 4)).as(Tmf::new);
        Arbitrary<Step> requestSense = nexus.map(RequestSense::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(10, prOut), Tuple.of(3, prIn), Tuple.of(2, spc2),
                Tuple.of(3, io), Tuple.of(1, tmf), Tuple.of(5, requestSense));
        return step.list().ofMinSize(20).ofMaxSize(80);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE) // edge cases would pin most steps to nexus 0 and SA 0
    void reservationInvariantsHoldForRandomCommandSequences(@ForAll("scenarios") List<Step> steps) {
        PrFixture f = PrFixture.create();
        long modelGeneration = 0;
        for (Step step : steps) {
            ReservationSnapshot before = f.lu.reservations().snapshot();
            ScsiResponse r = apply(f, step);
            ReservationSnapshot after = f.lu.reservations().snapshot();
            assertNoInternalFailure(r, step);
            if (step instanceof Tmf t && t.kind() == 4) modelGeneration = 0;
            if (step instanceof PrOut p) {
                ItNexus n = ALL_NEXUSES.get(p.nexus());
                // §1.7: +1 for each successful REGISTER, REGISTER AND IGNORE, CLEAR, PREEMPT, PREEMPT AND ABORT, REGISTER AND MOVE
                if (r.isGood() && p.malformation() != Malformation.RESERVED_SA && countsForGeneration(p.sa())) modelGeneration = (modelGeneration + 1) & 0xFFFF_FFFFL;
                checkPrOut(f, p, n, r, before, after);
                Statistics.label("PR OUT service action and status").collect(p.sa(), r.status());
            } else if (!(step instanceof Tmf t && t.kind() == 4)) {
                assertThat(after.generation()).as("only PR OUT and power on change PRgeneration").isEqualTo(before.generation());
            }
            assertThat(after.generation()).as("PRgeneration after %s", step).isEqualTo(modelGeneration);
            checkStateInvariants(f, after);
        }
        Statistics.label("reserved at the end").collect(f.lu.reservations().snapshot().reserved());
    }

    private static boolean countsForGeneration(int sa) { return sa == 0 || sa == 3 || sa == 4 || sa == 5 || sa == 6 || sa == 7; }

    private static ScsiResponse apply(PrFixture f, Step step) {
        return switch (step) {
            case PrOut p -> prOut(f, p);
            case PrIn p -> f.prIn(ALL_NEXUSES.get(p.nexus()), p.sa(), p.allocation());
            case Spc2 s -> f.run(ALL_NEXUSES.get(s.nexus()), s.reserve() ? Cdbs.reserve6() : Cdbs.release6());
            case RequestSense rs -> f.run(ALL_NEXUSES.get(rs.nexus()), Cdbs.requestSense(18));
            case Io io -> io.write() ? f.write(ALL_NEXUSES.get(io.nexus())) : f.read(ALL_NEXUSES.get(io.nexus()));
            case Tmf t -> {
                ItNexus n = ALL_NEXUSES.get(t.nexus());
                switch (t.kind()) {
                    case 0 -> f.lu.logicalUnitReset(n);
                    case 1 -> f.lu.itNexusLoss(n);
                    case 2 -> f.lu.abortTaskSet(n);
                    case 3 -> f.lu.targetReset(n);
                    default -> f.lu.powerOn();
                }
                yield ScsiResponse.good();
            }
        };
    }

    private static ScsiResponse prOut(PrFixture f, PrOut p) {
        ItNexus n = ALL_NEXUSES.get(p.nexus());
        long rk = p.rk();
        if (p.rkFromState()) {
            rk = 0;
            for (var reg : f.lu.reservations().snapshot().registrants())
                if (reg.initiator().equals(n.initiator()) && (reg.allTargetPorts() || reg.targetPort().equals(n.target()))) rk = reg.key();
        }
        byte[] params = p.sa() == 7
                ? Cdbs.registerAndMoveParameters(rk, p.sark(), p.scope() == 1, false, ALL_NEXUSES.get(p.moveTarget()).target().relativeId(),
                        ALL_NEXUSES.get(p.moveTarget()).initiator().transportId())
                : Cdbs.prOutParameters(rk, p.sark(), p.allTgPt(), false);
        int sa = p.sa();
        long length = params.length;
        byte[] data = params;
        switch (p.malformation()) {
            case SHORT_LIST -> { length = 20; data = java.util.Arrays.copyOf(params, 20); }
            case LONG_LIST -> { if (sa != 7) { length = 32; data = java.util.Arrays.copyOf(params, 32); } }
            case RESERVED_SA -> sa = 0x09 + p.type();
            case SPEC_I_PT_ELSEWHERE -> { if (sa != 0 && sa != 7) data = Cdbs.prOutParameters(rk, p.sark(), false, false, TransportId.Iscsi.port("iqn.x", 1)); length = data.length; }
            case APTPL_UNSUPPORTED -> { if (sa == 0 || sa == 6) data[20] |= 0x01; }
            case SHORT_DATA_OUT -> data = java.util.Arrays.copyOf(params, 12);
            case NONE -> { }
        }
        return f.run(n, Cdbs.persistentReserveOut(sa, p.sa() == 7 ? 0 : p.scope(), p.type(), length), data);
    }

    private static void assertNoInternalFailure(ScsiResponse r, Step step) {
        if (r.status() != ScsiStatus.CHECK_CONDITION) return;
        assertThat(r.sense().key()).as("%s -> %s", step, r.sense()).isIn(SenseKey.ILLEGAL_REQUEST, SenseKey.UNIT_ATTENTION);
        if (r.sense().key() == SenseKey.ILLEGAL_REQUEST)
            assertThat(r.sense().additional()).as("%s", step).isIn(AdditionalSense.INVALID_FIELD_IN_CDB,
                    AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR,
                    AdditionalSense.INVALID_RELEASE_OF_PERSISTENT_RESERVATION, AdditionalSense.INSUFFICIENT_REGISTRATION_RESOURCES);
    }

    private static void checkPrOut(PrFixture f, PrOut p, ItNexus n, ScsiResponse r, ReservationSnapshot before, ReservationSnapshot after) {
        boolean uaReported = r.status() == ScsiStatus.CHECK_CONDITION && r.sense().key() == SenseKey.UNIT_ATTENTION;
        boolean conflict = r.status() == ScsiStatus.RESERVATION_CONFLICT;
        if (!r.isGood()) assertThat(after).as("a failed PR OUT changes nothing").isEqualTo(before);
        if (p.malformation() != Malformation.NONE && !uaReported && !conflict) {
            boolean appliesTo = switch (p.malformation()) {
                case SHORT_LIST, RESERVED_SA, SHORT_DATA_OUT -> true;
                case LONG_LIST -> p.sa() != 7;
                default -> false;
            };
            if (appliesTo) {
                assertThat(r.status()).as("malformed %s", p).isEqualTo(ScsiStatus.CHECK_CONDITION);
                assertThat(r.sense().key()).isEqualTo(SenseKey.ILLEGAL_REQUEST);
            }
        }
        if (!r.isGood()) return;
        assertThat(f.pending(n)).as("no PR unit attention to the requester (§4.1)").isEmpty();
        if (p.malformation() == Malformation.NONE && (p.sa() == 0 || p.sa() == 6) && p.sark() != 0) {
            assertThat(keyOf(after, n)).as("a GOOD REGISTER's key is registered").isEqualTo(p.sark());
            assertThat(f.keys(n)).contains(p.sark());
        }
        if (p.sa() == 3 || p.sa() == 4 || p.sa() == 5) {
            AdditionalSense expected = p.sa() == 3 ? AdditionalSense.RESERVATIONS_PREEMPTED : AdditionalSense.REGISTRATIONS_PREEMPTED;
            Set<ItNexus> lost = new HashSet<>(registeredNexuses(before));
            lost.removeAll(registeredNexuses(after));
            lost.remove(n);
            for (ItNexus m : lost)
                assertThat(f.pending(m).stream().filter(expected::equals).count()).as("%s lost its registration", m).isEqualTo(1);
        }
    }

    private static long keyOf(ReservationSnapshot s, ItNexus n) {
        for (var reg : s.registrants())
            if (reg.initiator().equals(n.initiator()) && (reg.allTargetPorts() || reg.targetPort().equals(n.target()))) return reg.key();
        return 0;
    }

    private static List<ItNexus> registeredNexuses(ReservationSnapshot s) {
        List<ItNexus> out = new ArrayList<>();
        for (ItNexus n : ALL_NEXUSES) if (keyOf(s, n) != 0) out.add(n);
        return out;
    }

    private static void checkStateInvariants(PrFixture f, ReservationSnapshot s) {
        assertThat(s.registrants()).allSatisfy(r -> assertThat(r.key()).as("key 0 is never stored").isNotZero());
        // Each I_T nexus is covered by at most one registration.
        for (ItNexus n : ALL_NEXUSES) {
            long covering = s.registrants().stream()
                    .filter(r -> r.initiator().equals(n.initiator()) && (r.allTargetPorts() || r.targetPort().equals(n.target()))).count();
            assertThat(covering).isLessThanOrEqualTo(1);
        }
        if (s.reserved()) {
            assertThat(s.registrants()).as("a reservation needs a registered holder").isNotEmpty();
            long holders = s.registrants().stream().filter(ReservationSnapshot.Registrant::holder).count();
            boolean allRegistrants = s.reservationType() == 7 || s.reservationType() == 8;
            assertThat(holders).as("one reservation: one holder, or every registrant for AR")
                    .isEqualTo(allRegistrants ? s.registrants().size() : 1);
            assertThat(s.spc2Holder()).as("SPC-2 and persistent reservations exclude each other").isNull();
        } else {
            assertThat(s.registrants()).noneMatch(ReservationSnapshot.Registrant::holder);
        }
        if (s.spc2Holder() != null) assertThat(s.registrants()).isEmpty();
        // READ KEYS agrees with the state (read through the model, not through a nexus that may have a UA pending).
        byte[] keys = PrInResponses.readKeys(stateOf(f), List.of(P1, P2));
        int expectedKeys = 0;
        for (var r : s.registrants()) expectedKeys += r.allTargetPorts() ? 2 : 1;
        assertThat(Bytes.u32(keys, 4)).isEqualTo(8L * expectedKeys);
        assertThat(Bytes.u32(keys, 0)).isEqualTo(s.generation());
    }

    private static PrState stateOf(PrFixture f) {
        try {
            var field = PersistentReservations.class.getDeclaredField("state");
            field.setAccessible(true);
            return (PrState) field.get(f.lu.reservations());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
