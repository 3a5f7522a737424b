package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.util.ArrayList;
import java.util.List;

/** Command shorthands for the initiator tests, over any ScsiDevice. */
final class Scsi {
    private Scsi() {}

    static final int WE_REGISTRANTS_ONLY = 5;

    static ScsiResponse write(ScsiDevice d, long lba, byte[] data, int blockSize) {
        return d.execute(ScsiRequest.dataOut(Cdbs.write10(lba, data.length / blockSize), data));
    }

    static ScsiResponse read(ScsiDevice d, long lba, int blocks, int blockSize) {
        return d.execute(ScsiRequest.dataIn(Cdbs.read10(lba, blocks), blocks * blockSize));
    }

    static ScsiResponse register(ScsiDevice d, long key) {
        return prOut(d, PrOutAction.REGISTER, 0, 0, key);
    }

    static ScsiResponse reserve(ScsiDevice d, long key, int type) { return prOut(d, PrOutAction.RESERVE, type, key, 0); }

    static ScsiResponse preempt(ScsiDevice d, long key, long victim, int type) {
        return prOut(d, PrOutAction.PREEMPT, type, key, victim);
    }

    static ScsiResponse prOut(ScsiDevice d, PrOutAction action, int type, long key, long serviceActionKey) {
        byte[] params = Cdbs.prOutParameters(key, serviceActionKey, false, false);
        return d.execute(ScsiRequest.dataOut(Cdbs.persistentReserveOut(action, 0, type, params.length), params));
    }

    /** READ KEYS (SPC-4 §6.16.2): the registered keys. */
    static List<Long> readKeys(ScsiDevice d) {
        ScsiResponse r = d.execute(ScsiRequest.dataIn(Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8192), 8192));
        if (!r.isGood()) throw new AssertionError("READ KEYS failed: " + r.status() + " " + r.sense());
        byte[] b = r.dataIn();
        int len = ((b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
        List<Long> keys = new ArrayList<>();
        for (int off = 8; off + 8 <= 8 + len && off + 8 <= b.length; off += 8) {
            long k = 0;
            for (int i = 0; i < 8; i++) k = (k << 8) | (b[off + i] & 0xFF);
            keys.add(k);
        }
        return keys;
    }

    /** TEST UNIT READY until GOOD, collecting the unit attentions on the way (SAM-5: one unit attention reported per command). */
    static List<ScsiResponse> clearUnitAttentions(ScsiDevice d) {
        List<ScsiResponse> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ScsiResponse r = d.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
            if (r.status() == ScsiStatus.GOOD) return seen;
            seen.add(r);
        }
        throw new AssertionError("TEST UNIT READY never GOOD: " + seen);
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        int x = seed * 0x9E3779B9 + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }
}
