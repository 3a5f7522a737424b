package dev.clusterlab.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.tests.differential.Difference.Aspect;
import dev.clusterlab.tests.differential.Observation.Sense;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response comparator on hand-made answers: what it normalises (and why) and what it must report. */
class DifferentialComparatorTest {
    static final Sense UA_REGISTRATIONS_PREEMPTED = new Sense(6, 0x2A, 0x05);
    static final Sense UA_RESERVATIONS_PREEMPTED = new Sense(6, 0x2A, 0x03);
    static final Sense UA_RESERVATIONS_RELEASED = new Sense(6, 0x2A, 0x04);

    static Observation good() { return Observation.good(); }

    static Observation conflict() { return new Observation(List.of(), ScsiStatus.RESERVATION_CONFLICT, null, null, null); }

    static Observation check(int key, int asc, int ascq) {
        return new Observation(List.of(), ScsiStatus.CHECK_CONDITION, new Sense(key, asc, ascq), null, null);
    }

    static Observation withUas(Observation o, Sense... uas) {
        return new Observation(List.of(uas), o.status(), o.sense(), o.data(), o.transportError());
    }

    static Observation keys(long generation, Long... keys) {
        return new Observation(List.of(), ScsiStatus.GOOD, null, new PrInData.Keys(generation, List.of(keys)), null);
    }

    static Observation reservation(long generation, long key, int type) {
        return new Observation(List.of(), ScsiStatus.GOOD, null, new PrInData.Reservation(generation, type != 0, key, 0, type), null);
    }

    private final ResponseComparator comparator = new ResponseComparator();

    @Test
    void identicalAnswersHaveNoDifference() {
        assertThat(comparator.compare(0, keys(1, 0xA1L), keys(1, 0xA1L))).isEmpty();
        assertThat(comparator.compare(1, conflict(), conflict())).isEmpty();
    }

    @Test
    void statusDiffersWhenOneSideConflicts() {
        assertThat(comparator.compare(0, good(), conflict())).extracting(Difference::aspect).containsExactly(Aspect.STATUS);
    }

    /** Key, ASC and ASCQ are compared: 26h/00h and 24h/00h are different answers (SPC-4 §6.16.1 vs §6.16.3). */
    @Test
    void senseDiffersOnAscAlone() {
        assertThat(comparator.compare(0, check(5, 0x26, 0), check(5, 0x24, 0))).extracting(Difference::aspect).containsExactly(Aspect.SENSE);
    }

    /** SAM-5 leaves the reporting order of several pending unit attentions to the device server; duplicates may be coalesced (notes §4.1). */
    @Test
    void unitAttentionOrderAndDuplicatesAreNormalised() {
        Observation ours = withUas(good(), UA_RESERVATIONS_RELEASED, UA_REGISTRATIONS_PREEMPTED);
        Observation tgt = withUas(good(), UA_REGISTRATIONS_PREEMPTED, UA_RESERVATIONS_RELEASED, UA_REGISTRATIONS_PREEMPTED);
        assertThat(comparator.compare(0, ours, tgt)).isEmpty();
    }

    @Test
    void aUnitAttentionReportedOnOneSideOnlyIsADifference() {
        List<Difference> d = comparator.compare(0, withUas(good(), UA_REGISTRATIONS_PREEMPTED), withUas(good(), UA_RESERVATIONS_PREEMPTED));
        assertThat(d).extracting(Difference::aspect).containsExactly(Aspect.UNIT_ATTENTIONS);
        assertThat(d.get(0).ours()).contains("2Ah/05h");
        assertThat(d.get(0).tgt()).contains("2Ah/03h");
    }

    /** SPC-4 §6.15.2 lists one key per registered nexus without fixing an order: a multiset. */
    @Test
    void readKeysIsComparedAsAMultiset() {
        assertThat(comparator.compare(0, keys(2, 0xA1L, 0xB2L, 0xA1L), keys(2, 0xA1L, 0xA1L, 0xB2L))).isEmpty();
        assertThat(comparator.compare(1, keys(2, 0xA1L, 0xB2L), keys(2, 0xA1L, 0xB2L, 0xB2L)))
                .extracting(Difference::aspect).containsExactly(Aspect.KEYS);
    }

    @Test
    void readReservationComparesPresenceKeyAndType() {
        assertThat(comparator.compare(0, reservation(0, 0xA1, 5), reservation(0, 0xA1, 5))).isEmpty();
        assertThat(comparator.compare(1, reservation(0, 0xA1, 5), reservation(0, 0xA1, 6))).extracting(Difference::aspect)
                .containsExactly(Aspect.RESERVATION);
        assertThat(comparator.compare(2, reservation(0, 0, 0), reservation(0, 0, 8))).extracting(Difference::aspect)
                .containsExactly(Aspect.RESERVATION);
    }

    /** Generations are compared as increments since the previous observation, so one deviation is reported once. */
    @Test
    void generationIsComparedAsIncrements() {
        List<Difference> first = comparator.compare(3, keys(3), keys(4));
        assertThat(first).extracting(Difference::aspect).containsExactly(Aspect.GENERATION);
        assertThat(first.get(0).skew()).isEqualTo(1);
        assertThat(first.get(0).windowStart()).isZero();
        assertThat(comparator.compare(6, reservation(4, 0, 0), reservation(5, 0, 0))).isEmpty();
        List<Difference> later = comparator.compare(9, keys(4), keys(7));
        assertThat(later).extracting(Difference::aspect).containsExactly(Aspect.GENERATION);
        assertThat(later.get(0).skew()).isEqualTo(2);
        assertThat(later.get(0).windowStart()).isEqualTo(7);
    }

    /** CRH, SIP_C, ATP_C, PTPL_C and ALLOW COMMANDS describe optional features (SPC-4 §6.15.4); the type mask does not. */
    @Test
    void reportCapabilitiesComparesLengthAndTypeMaskOnly() {
        Observation ours = new Observation(List.of(), ScsiStatus.GOOD, null, new PrInData.Capabilities(8, 0x9C, 0xB0, 0xEA01), null);
        Observation tgt = new Observation(List.of(), ScsiStatus.GOOD, null, new PrInData.Capabilities(8, 0x00, 0x80, 0xEA01), null);
        Observation fewerTypes = new Observation(List.of(), ScsiStatus.GOOD, null, new PrInData.Capabilities(8, 0x00, 0x80, 0x0A00), null);
        assertThat(comparator.compare(0, ours, tgt)).isEmpty();
        assertThat(comparator.compare(1, ours, fewerTypes)).extracting(Difference::aspect).containsExactly(Aspect.CAPABILITIES);
    }

    @Test
    void aCommandWithoutStatusIsATransportDifference() {
        assertThat(comparator.compare(0, good(), Observation.transportFailure(List.of(), "connection reset")))
                .extracting(Difference::aspect).containsExactly(Aspect.TRANSPORT);
    }

    @Test
    void prInDataIsParsedFromTheWireLayout() {
        byte[] keys = new byte[24];
        keys[3] = 7;   // PRGENERATION 7
        keys[7] = 16;  // ADDITIONAL LENGTH: two keys
        keys[15] = (byte) 0xA1;
        keys[23] = (byte) 0xB2;
        assertThat(PrInData.parse(PrInAction.READ_KEYS, keys)).isEqualTo(new PrInData.Keys(7, List.of(0xA1L, 0xB2L)));

        byte[] res = new byte[24];
        res[3] = 2;
        res[7] = 16;
        res[15] = (byte) 0xC3;
        res[21] = 0x06; // scope 0, type EARO
        assertThat(PrInData.parse(PrInAction.READ_RESERVATION, res)).isEqualTo(new PrInData.Reservation(2, true, 0xC3, 0, 6));
        assertThat(PrInData.parse(PrInAction.READ_RESERVATION, new byte[8])).isEqualTo(new PrInData.Reservation(0, false, 0, 0, 0));

        byte[] truncated = new byte[12];
        truncated[7] = 16; // claims two keys, carries half of one
        assertThat(PrInData.parse(PrInAction.READ_KEYS, truncated)).isInstanceOf(PrInData.Malformed.class);
    }
}
