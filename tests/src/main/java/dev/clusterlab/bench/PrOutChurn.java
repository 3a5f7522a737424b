package dev.clusterlab.bench;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.timeline.TimelineSink;

/**
 * Registration churn on one logical unit: {@value #NEXUSES} registered I_T nexuses, nexus 0 holding
 * a Write Exclusive, Registrants Only reservation. Each {@link #step} issues one PERSISTENT RESERVE
 * OUT, cycling through three kinds that all end GOOD:
 * <ol>
 *   <li>REGISTER: nexus A changes its key (SPC-4 §5.13.7);</li>
 *   <li>PREEMPT: A removes the registration of nexus B, which does not hold the reservation, so the
 *       reservation stays (SPC-4 §5.13.11.2.4, "case F" of the conformance notes);</li>
 *   <li>REGISTER: B registers again with a new key. B first collects the REGISTRATIONS PREEMPTED
 *       unit attention (2Ah/05h) the preemption left it with, using REQUEST SENSE, as a real
 *       initiator must: otherwise its REGISTER would end CHECK CONDITION (SAM-5 §5.14). That
 *       REQUEST SENSE is part of this step's cost.</li>
 * </ol>
 * B walks over nexuses 1..15 and A over every other nexus, so all keys change and the holder keeps
 * the reservation. Command buffers are built once and rewritten in place, so the benchmark measures
 * the engine rather than the harness.
 */
final class PrOutChurn extends Workload {
    static final int NEXUSES = 16;
    private static final int HOLDER = 0;
    private static final int SENSE_ALLOCATION = 252;

    final LogicalUnit lu;
    private final ItNexus[] nexuses = new ItNexus[NEXUSES];
    private final long[] keys = new long[NEXUSES];
    private long keySerial;

    private final byte[] parameters = new byte[24];
    private final ScsiRequest register = ScsiRequest.dataOut(Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24), parameters);
    private final ScsiRequest preempt = ScsiRequest.dataOut(
            Cdbs.persistentReserveOut(PrOutAction.PREEMPT, 0, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY.code(), 24), parameters);
    private final ScsiRequest requestSense = ScsiRequest.dataIn(Cdbs.requestSense(SENSE_ALLOCATION), SENSE_ALLOCATION);

    private long cycle;
    private int phase;
    private ScsiResponse lastRequestSense;

    PrOutChurn(TimelineSink timeline) {
        super(timeline);
        lu = BenchLogicalUnits.disk(timeline);
        for (int i = 0; i < NEXUSES; i++) {
            nexuses[i] = BenchLogicalUnits.nexus(lu, i);
            drainUnitAttentions(lu, nexuses[i]);
            long key = nextKey(i);
            check(lu.execute(nexuses[i], prOut(register, 0, key)), "setup REGISTER of nexus " + i);
            keys[i] = key;
        }
        ScsiRequest reserve = ScsiRequest.dataOut(
                Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE_REGISTRANTS_ONLY.code(), 24),
                Cdbs.prOutParameters(keys[HOLDER], 0, false, false));
        check(lu.execute(nexuses[HOLDER], reserve), "setup RESERVE by nexus " + HOLDER);
    }

    @Override
    ScsiResponse step() {
        int victim = 1 + (int) (cycle % (NEXUSES - 1));                  // never the holder
        int actor = (victim + 1 + (int) ((cycle / (NEXUSES - 1)) % (NEXUSES - 1))) % NEXUSES; // never the victim
        ScsiResponse r;
        switch (phase) {
            case 0 -> {
                long key = nextKey(actor);
                r = check(lu.execute(nexuses[actor], prOut(register, keys[actor], key)), "REGISTER (change key)");
                keys[actor] = key;
                phase = 1;
            }
            case 1 -> {
                r = check(lu.execute(nexuses[actor], prOut(preempt, keys[actor], keys[victim])), "PREEMPT");
                keys[victim] = 0;
                phase = 2;
            }
            default -> {
                lastRequestSense = check(lu.execute(nexuses[victim], requestSense), "REQUEST SENSE after preemption");
                long key = nextKey(victim);
                r = check(lu.execute(nexuses[victim], prOut(register, 0, key)), "REGISTER (re-register)");
                keys[victim] = key;
                phase = 0;
                cycle++;
            }
        }
        return r;
    }

    /** The REQUEST SENSE answer of the latest re-registration: the 2Ah/05h unit attention. */
    ScsiResponse lastRequestSense() { return lastRequestSense; }

    /** The current key of nexus {@code i}, 0 while unregistered. */
    long key(int i) { return keys[i]; }

    ItNexus nexus(int i) { return nexuses[i]; }

    /** A key unique to this nexus and never used before: nexus number in the top byte, serial below. */
    private long nextKey(int nexus) { return ((long) (nexus + 1) << 56) | ++keySerial; }

    private ScsiRequest prOut(ScsiRequest request, long reservationKey, long serviceActionKey) {
        Bytes.put64(parameters, 0, reservationKey);
        Bytes.put64(parameters, 8, serviceActionKey);
        return request;
    }
}
