package dev.clusterlab.bench;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiSession;
import dev.clusterlab.engine.iscsi.initiator.IscsiUrl;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ClusterLab's iSCSI initiator as a load generator, shaped like libiscsi's iscsi-perf so the two can
 * be compared on the same target: READ(10)s of BLOCKS blocks, QUEUE_DEPTH in flight, for SECONDS,
 * random or sequential LBAs; prints "iops average N (M MB/s)" as iscsi-perf does.
 *
 * <pre>java -cp ... dev.clusterlab.bench.InitiatorPerf URL SECONDS QUEUE_DEPTH BLOCKS [random]</pre>
 */
public final class InitiatorPerf {
    private InitiatorPerf() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: InitiatorPerf iscsi://host:port/iqn/lun SECONDS QUEUE_DEPTH BLOCKS [random]");
            System.exit(2);
        }
        IscsiUrl url = IscsiUrl.parse(args[0]);
        long seconds = Long.parseLong(args[1]);
        int depth = Integer.parseInt(args[2]);
        int blocks = Integer.parseInt(args[3]);
        boolean random = args.length > 4 && args[4].equals("random");
        InitiatorIdentity me = new InitiatorIdentity("iqn.2026-11.dev.clusterlab.bench:initiator-perf", 0x4000_0000_0001L);
        try (IscsiSession session = IscsiSession.open(url, me, InitiatorSettings.DEFAULT)) {
            // A new nexus's first commands report its unit attentions (power on, nexus loss): take them first.
            for (int i = 0; i < 8 && session.execute(new ScsiRequest(Cdbs.testUnitReady(), null, 0)).status() != ScsiStatus.GOOD; i++) { }
            ScsiResponse cap = session.execute(new ScsiRequest(Cdbs.readCapacity16(32), null, 32));
            if (cap.status() != ScsiStatus.GOOD) throw new IllegalStateException("READ CAPACITY(16): " + cap.status());
            long lbaCount = Bytes.u64(cap.dataIn(), 0) + 1;
            int blockSize = (int) Bytes.u32(cap.dataIn(), 8);
            Runner runner = new Runner(session, lbaCount, blocks, blockSize, random, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
            long start = System.nanoTime();
            runner.start(depth);
            runner.done.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (runner.failures.get() > 0) System.err.println(runner.failures.get() + " commands failed");
            long iops = Math.round(runner.completed.get() / elapsed);
            long mbps = Math.round(runner.completed.get() * (double) blocks * blockSize / elapsed / 1_000_000);
            System.out.printf(Locale.ROOT, "iops average %d (%d MB/s)%n", iops, mbps);
        }
    }

    /** Keeps {@code depth} reads in flight: each completion submits the next until the deadline. */
    private static final class Runner {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final CountDownLatch done;
        private final IscsiSession session;
        private final long slots;
        private final int blocks, bytes;
        private final boolean random;
        private final long deadline;
        private final AtomicLong next = new AtomicLong();
        private final AtomicLong inFlight = new AtomicLong();
        private final SplittableRandom seed = new SplittableRandom(20261126);
        private final java.util.concurrent.ExecutorService submitter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "initiator-perf-submit");
            t.setDaemon(true);
            return t;
        });

        Runner(IscsiSession session, long lbaCount, int blocks, int blockSize, boolean random, long deadline) {
            this.session = session;
            this.slots = lbaCount / blocks;
            this.blocks = blocks;
            this.bytes = blocks * blockSize;
            this.random = random;
            this.deadline = deadline;
            this.done = new CountDownLatch(1);
        }

        void start(int depth) { for (int i = 0; i < depth; i++) submit(); }

        private void submit() {
            if (System.nanoTime() >= deadline) {
                if (inFlight.get() == 0) done.countDown();
                return;
            }
            long slot;
            synchronized (seed) { slot = random ? seed.nextLong(slots) : next.getAndIncrement() % slots; }
            inFlight.incrementAndGet();
            // Completions arrive on the session's I/O thread, which must not wait for the command window: resubmit elsewhere.
            session.submit(ScsiRequest.dataIn(Cdbs.read10(slot * blocks, blocks), bytes)).response().whenCompleteAsync((r, e) -> {
                if (e != null || r.status() != ScsiStatus.GOOD) failures.incrementAndGet();
                else completed.incrementAndGet();
                inFlight.decrementAndGet();
                if (System.nanoTime() >= deadline) {
                    if (inFlight.get() == 0) done.countDown();
                } else {
                    submit();
                }
            }, submitter);
        }
    }
}
