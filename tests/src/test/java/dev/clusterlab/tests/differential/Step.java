package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;

/**
 * One step of a differential sequence: a command sent through one I_T nexus (by index into the
 * sequence's nexus list), or a reconnect of that nexus. Steps are plain data so a sequence can be
 * printed, compared and replayed.
 */
public sealed interface Step {
    /** Block size of both logical units; READ/WRITE touch one block at {@link #LBA}. */
    int BLOCK_SIZE = 512;
    long LBA = 1;
    /** PR IN allocation length: far more than 4 nexuses' keys or a full status need. */
    int PR_IN_ALLOCATION = 4096;

    int nexus();

    /** A short line such as {@code n1 PREEMPT type=5 rk=0xb2 sark=0xa1}. */
    String describe();

    /** PERSISTENT RESERVE OUT with the 24-byte basic parameter list (SPC-4 §6.16.3), scope LU_SCOPE. */
    record PrOut(int nexus, PrOutAction action, int type, long key, long serviceActionKey) implements Step {
        public ScsiRequest request() {
            byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, false);
            return ScsiRequest.dataOut(Cdbs.persistentReserveOut(action, 0, type, params.length), params);
        }

        /** REGISTER or REGISTER AND IGNORE EXISTING KEY with SARK 0: an unregister when the nexus is registered. */
        public boolean unregisters() {
            return (action == PrOutAction.REGISTER || action == PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY) && serviceActionKey == 0;
        }

        @Override
        public String describe() {
            return "n" + nexus + " " + action.label() + " type=" + type + " rk=0x" + Long.toHexString(key)
                    + " sark=0x" + Long.toHexString(serviceActionKey);
        }
    }

    /** PERSISTENT RESERVE IN (SPC-4 §6.15). */
    record PrIn(int nexus, PrInAction action) implements Step {
        public ScsiRequest request() { return ScsiRequest.dataIn(Cdbs.persistentReserveIn(action, PR_IN_ALLOCATION), PR_IN_ALLOCATION); }

        @Override
        public String describe() { return "n" + nexus + " " + action.label(); }
    }

    /** TEST UNIT READY: shows pending unit attentions and TUR conflicts. */
    record TestUnitReady(int nexus) implements Step {
        @Override
        public String describe() { return "n" + nexus + " TEST UNIT READY"; }
    }

    /** READ(10) of one block: conflicts under EA-family reservations (SPC-4 Table 65). */
    record Read(int nexus) implements Step {
        @Override
        public String describe() { return "n" + nexus + " READ(10)"; }
    }

    /** WRITE(10) of one block: conflicts for non-holders under every type (SPC-4 Table 65). */
    record Write(int nexus) implements Step {
        @Override
        public String describe() { return "n" + nexus + " WRITE(10)"; }
    }

    /** Drop the connection and log in again with the same initiator name and ISID (same I_T nexus, SPC-4 §5.13.1). */
    record Reconnect(int nexus) implements Step {
        @Override
        public String describe() { return "n" + nexus + " RECONNECT (same name and ISID)"; }
    }

    /** The SCSI command this step sends; after a {@link Reconnect}, a TEST UNIT READY that shows the unit attentions. */
    static ScsiRequest requestOf(Step step) {
        return switch (step) {
            case PrOut p -> p.request();
            case PrIn p -> p.request();
            case TestUnitReady t -> ScsiRequest.noData(Cdbs.testUnitReady());
            case Read r -> ScsiRequest.dataIn(Cdbs.read10(LBA, 1), BLOCK_SIZE);
            case Write w -> ScsiRequest.dataOut(Cdbs.write10(LBA, 1), new byte[BLOCK_SIZE]);
            case Reconnect r -> ScsiRequest.noData(Cdbs.testUnitReady());
        };
    }
}
