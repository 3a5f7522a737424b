package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 3, load: 32 sessions churning registrations and doing I/O at once; the invariants hold afterwards. */
class ConcurrentSessionsTest {
    private static final int SESSIONS = 32;
    private static final long MILLIS = 1500;

    @Test
    @DisplayName("SPC-4 §5.13: after concurrent churn READ KEYS equals the successful registrations, at most one holder, no connection lost")
    void thirtyTwoSessionsChurn() throws Exception {
        try (TargetFixture f = TargetFixture.start()) {
            ConcurrentHashMap<Long, Boolean> registered = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
            List<Future<Integer>> results = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                final int n = s;
                results.add(pool.submit(() -> churn(f, n, registered)));
            }
            int commands = 0;
            for (Future<Integer> r : results) commands += r.get();
            pool.shutdown();
            assertThat(commands).isGreaterThan(SESSIONS * 10);
            try (TestInitiator check = f.session("iqn.2026-01.test:checker", 0x99)) {
                for (int k = 0; k < 10 && check.noData(0, Cdbs.testUnitReady()).status() != 0; k++) { /* unit attentions */ }
                TestInitiator.Result keys = check.read(0, Cdbs.persistentReserveIn(PrInAction.READ_KEYS, 8 + 8 * SESSIONS), 8 + 8 * SESSIONS);
                Set<Long> listed = new HashSet<>();
                for (int off = 8; off < 8 + Bytes.u32(keys.data(), 4); off += 8) listed.add(Bytes.u64(keys.data(), off));
                Set<Long> expected = new HashSet<>();
                registered.forEach((k, v) -> { if (v) expected.add(k); });
                assertThat(listed).isEqualTo(expected);
                TestInitiator.Result res = check.read(0, Cdbs.persistentReserveIn(PrInAction.READ_RESERVATION, 64), 64);
                assertThat(Bytes.u32(res.data(), 4)).isIn(0L, 16L); // no reservation, or exactly one descriptor
                check.logout();
            }
            assertThat(f.events).noneMatch(e -> e instanceof TargetEvent.ConnectionLost);
            // Nothing is left behind by 33 finished sessions: no task stays registered in the task set.
            java.util.concurrent.CompletableFuture<List<?>> leftovers = new java.util.concurrent.CompletableFuture<>();
            f.server.onEngineLoop(() -> leftovers.complete(f.server.logicalUnit(TargetFixture.IQN, 0).taskSet().nexusesWithTasks()));
            assertThat(leftovers.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        }
    }

    private static int churn(TargetFixture f, int n, ConcurrentHashMap<Long, Boolean> registered) throws Exception {
        long key = 0x1000 + n;
        Random rnd = new Random(n);
        int done = 0;
        try (TestInitiator i = f.session("iqn.2026-01.test:load-" + n, n + 1)) {
            for (int k = 0; k < 10 && i.noData(0, Cdbs.testUnitReady()).status() != 0; k++) { /* unit attentions */ }
            long end = System.currentTimeMillis() + MILLIS;
            boolean mine = false;
            while (System.currentTimeMillis() < end) {
                int status;
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        // REGISTER AND IGNORE EXISTING KEY: registers, or unregisters with key 0 (SPC-4 §5.13.7)
                        long next = mine ? 0 : key;
                        status = i.write(0, Cdbs.persistentReserveOut(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, 0, 24),
                                Cdbs.prOutParameters(0, next, false, false)).status();
                        if (status == 0) {
                            mine = !mine;
                            registered.put(key, mine);
                        }
                    }
                    case 1 -> status = i.write(0, Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE.code(), 24),
                            Cdbs.prOutParameters(key, 0, false, false)).status();
                    case 2 -> status = i.write(0, Cdbs.write10(rnd.nextInt(1024), 8), new byte[4096]).status();
                    default -> status = i.read(0, Cdbs.read10(rnd.nextInt(1024), 8), 4096).status();
                }
                assertThat(status).isIn(0x00, 0x02, 0x18);
                done++;
            }
            i.logout();
        }
        return done;
    }
}
