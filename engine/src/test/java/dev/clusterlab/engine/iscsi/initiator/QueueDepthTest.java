package dev.clusterlab.engine.iscsi.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Queue depth &gt; 1: several outstanding tasks matched by ITT, and the CmdSN window (RFC 7143
 * §4.2.2.1): only CmdSN &lt;= MaxCmdSN is sent, the rest waits in the initiator. The target here
 * allows 4 outstanding commands and drops the session on a CmdSN outside its window, so 32
 * concurrent commands only succeed if the initiator queues locally.
 */
class QueueDepthTest {
    private static final int BS = OwnTarget.BLOCK_SIZE;
    private static final TargetLimits WINDOW_OF_4 = new TargetLimits(64, 262_144, 65_536, 4, 1_048_576);

    @Test
    void thirtyTwoConcurrentCommandsFromEightThreadsAllCompleteWithTheirOwnData() throws Exception {
        try (OwnTarget t = OwnTarget.start(List.of(OwnTarget.target(OwnTarget.IQN, null, null)), WINDOW_OF_4);
             IscsiSession s = t.session("node-a")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    int base = thread * 16;
                    results.add(pool.submit((Callable<Boolean>) () -> {
                        List<IscsiSession.PendingCommand> writes = new ArrayList<>();
                        for (int i = 0; i < 4; i++)
                            writes.add(s.submit(ScsiRequest.dataOut(Cdbs.write10(base + i * 4, 4), Scsi.pattern(4 * BS, base + i))));
                        for (IscsiSession.PendingCommand w : writes)
                            if (w.response().get(10, TimeUnit.SECONDS).status() != ScsiStatus.GOOD) return false;
                        for (int i = 0; i < 4; i++) {
                            ScsiResponse r = Scsi.read(s, base + i * 4, 4, BS);
                            if (!r.isGood() || !java.util.Arrays.equals(r.dataIn(), Scsi.pattern(4 * BS, base + i))) return false;
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                pool.shutdownNow();
            }
            assertThat(s.isConnected()).isTrue();
        }
    }

    @Test
    void commandsBeyondTheWindowWaitLocallyAndAllCompleteOnceTheWindowMoves() throws Exception {
        try (OwnTarget t = OwnTarget.start(List.of(OwnTarget.target(OwnTarget.IQN, null, null)), WINDOW_OF_4);
             CuttableProxy proxy = new CuttableProxy(t.address());
             IscsiSession s = IscsiSession.open(proxy.address(), OwnTarget.IQN, 0, OwnTarget.node("node-a"), OwnTarget.settings())) {
            proxy.hold(true); // no status comes back, so the window cannot move while we queue 32 commands
            List<IscsiSession.PendingCommand> pending = new ArrayList<>();
            for (int i = 0; i < 32; i++) pending.add(s.submit(ScsiRequest.dataIn(Cdbs.read10(i, 1), BS)));
            Thread.sleep(200);
            assertThat(pending).noneMatch(p -> p.response().isDone());
            proxy.hold(false);
            for (IscsiSession.PendingCommand p : pending)
                assertThat(p.response().get(10, TimeUnit.SECONDS).status()).isEqualTo(ScsiStatus.GOOD);
            assertThat(pending).extracting(IscsiSession.PendingCommand::itt).doesNotHaveDuplicates();
        }
    }
}
