package dev.clusterlab.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The sequence generator: reproducible, well-formed, and biased towards keys that match. */
class DifferentialGeneratorTest {
    private final SequenceGenerator generator = SequenceGenerator.standard();

    @Test
    void theSameSeedGivesTheSameSequence() {
        assertThat(generator.generate(42)).isEqualTo(generator.generate(42));
        assertThat(generator.generate(42).describe()).isEqualTo(generator.generate(42).describe());
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        assertThat(generator.generate(1).steps()).isNotEqualTo(generator.generate(2).steps());
    }

    @Property(tries = 300)
    void everySequenceHasTwoToFourDistinctNexusesAndSixteenToThirtyTwoSteps(@ForAll long seed) {
        Sequence s = generator.generate(seed);
        assertThat(s.nexuses()).hasSizeBetween(2, 4);
        assertThat(new HashSet<>(s.nexuses())).hasSameSizeAs(s.nexuses()); // distinct I_T nexuses (SPC-4 §5.13.2: name + ISID)
        assertThat(s.steps()).hasSizeBetween(16, 32);
        assertThat(s.steps()).allSatisfy(step -> assertThat(step.nexus()).isBetween(0, s.nexuses().size() - 1));
    }

    @Property(tries = 300)
    void keysComeFromTheSmallPoolSoThatTheyMatchOften(@ForAll long seed) {
        Set<Long> allowed = Set.of(0L, 0xA1L, 0xB2L, 0xC3L);
        for (Step step : generator.generate(seed).steps())
            if (step instanceof Step.PrOut p) assertThat(allowed).contains(p.key(), p.serviceActionKey());
    }

    @Test
    void twoHundredSequencesCoverEveryStepKindTypeAndAnIsidTwin() {
        Set<PrOutAction> outs = EnumSet.noneOf(PrOutAction.class);
        Set<PrInAction> ins = EnumSet.noneOf(PrInAction.class);
        Set<Class<?>> kinds = new HashSet<>();
        Set<Integer> reserveTypes = new HashSet<>();
        boolean twin = false;
        for (long seed = 1; seed <= 200; seed++) {
            Sequence s = generator.generate(seed);
            for (Step step : s.steps()) {
                kinds.add(step.getClass());
                if (step instanceof Step.PrOut p) {
                    outs.add(p.action());
                    if (p.action() == PrOutAction.RESERVE) reserveTypes.add(p.type());
                }
                if (step instanceof Step.PrIn p) ins.add(p.action());
            }
            Set<String> names = new HashSet<>();
            for (InitiatorIdentity id : s.nexuses()) twin |= !names.add(id.name());
        }
        assertThat(outs).containsExactlyInAnyOrder(PrOutAction.REGISTER, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, PrOutAction.RESERVE,
                PrOutAction.RELEASE, PrOutAction.CLEAR, PrOutAction.PREEMPT, PrOutAction.PREEMPT_AND_ABORT);
        assertThat(ins).containsExactlyInAnyOrder(PrInAction.values());
        assertThat(kinds).contains(Step.TestUnitReady.class, Step.Read.class, Step.Write.class, Step.Reconnect.class);
        assertThat(reserveTypes).contains(1, 3, 5, 6, 7, 8).contains(4); // 4 is obsolete: the wrong-type case
        assertThat(twin).as("some sequence has two ISIDs of one initiator name").isTrue();
    }

    /** Most reservation commands should reach the reservation logic, not stop at "unregistered". */
    @Test
    void mostReserveStepsUseTheKeyTheirNexusRegistered() {
        int reserves = 0, matching = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Sequence s = generator.generate(seed);
            long[] key = new long[s.nexuses().size()];
            for (Step step : s.steps()) {
                if (!(step instanceof Step.PrOut p)) continue;
                switch (p.action()) {
                    case REGISTER_AND_IGNORE_EXISTING_KEY -> key[p.nexus()] = p.serviceActionKey();
                    case REGISTER -> { if (p.key() == key[p.nexus()]) key[p.nexus()] = p.serviceActionKey(); }
                    case RESERVE -> {
                        reserves++;
                        if (p.key() != 0 && p.key() == key[p.nexus()]) matching++;
                    }
                    default -> { }
                }
            }
        }
        assertThat(matching).as("RESERVE steps with the nexus's own registered key, of %d", reserves).isGreaterThan(reserves / 3);
    }

    @Test
    void aSequenceNamingAnUnknownNexusIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Sequence(1,
                        java.util.List.of(new InitiatorIdentity("iqn.x:a", 1), new InitiatorIdentity("iqn.x:b", 1)),
                        java.util.List.of(new Step.TestUnitReady(2))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
