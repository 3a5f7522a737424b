package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.sgio.FakeSgKernel.Command;
import dev.clusterlab.sgio.FakeSgKernel.Reply;
import dev.clusterlab.sgio.linux.SgIoHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What reaches the (fake) kernel through the native sg_io_hdr: direction, buffers, lengths, timeout. */
class SgDeviceMarshallingTest {
    private static final String PATH = "/dev/sg2";

    private final FakeSgKernel kernel = new FakeSgKernel();

    private SgDevice open(SgDevice.Options options, java.util.function.Function<Command, Reply> answer) throws SgDeviceException {
        kernel.device(PATH, answer);
        return SgDevice.open(kernel, PATH, options, null);
    }

    private Command only() {
        assertThat(kernel.commands).hasSize(1);
        return kernel.commands.get(0);
    }

    @Test
    void cdbReachesTheKernelThroughCmdpWithItsLength() throws Exception {
        byte[] cdb = Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, 24);
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good())) {
            dev.execute(ScsiRequest.dataOut(cdb, new byte[24]));
        }
        assertThat(only().cdb()).isEqualTo(cdb);
        assertThat(only().cmdLen()).isEqualTo(10);
    }

    @Test
    void dataOutReachesTheKernelIntactWithDirectionToDev() throws Exception {
        byte[] parameters = Cdbs.prOutParameters(0x1122334455667788L, 0xAABBCCDDEEFF0011L, false, false);
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good())) {
            ScsiResponse r = dev.execute(ScsiRequest.dataOut(
                    Cdbs.persistentReserveOut(PrOutAction.REGISTER, 0, 0, parameters.length), parameters));
            assertThat(r.dataIn()).isEmpty();
        }
        assertThat(only().direction()).isEqualTo(SgIoHeader.SG_DXFER_TO_DEV);
        assertThat(only().dxferLen()).isEqualTo(parameters.length);
        assertThat(only().dataOut()).isEqualTo(parameters);
    }

    @Test
    void dataInUsesDirectionFromDevWithTheCapacityAsLength() throws Exception {
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good(new byte[8]))) {
            dev.execute(ScsiRequest.dataIn(Cdbs.readCapacity10(), 8));
        }
        assertThat(only().direction()).isEqualTo(SgIoHeader.SG_DXFER_FROM_DEV);
        assertThat(only().dxferLen()).isEqualTo(8);
    }

    @Test
    void noDataCommandUsesDirectionNoneWithANullBufferAndZeroLength() throws Exception {
        // The fake refuses NONE with a buffer or a length (EINVAL), as a strict kernel would.
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good())) {
            dev.execute(ScsiRequest.noData(Cdbs.persistentReserveOut(PrOutAction.RESERVE, 0, PrType.WRITE_EXCLUSIVE.code(), 0)));
        }
        assertThat(only().direction()).isEqualTo(SgIoHeader.SG_DXFER_NONE);
        assertThat(only().dxferLen()).isZero();
    }

    @Test
    void requestWithDataInBothDirectionsIsRefusedBeforeTheKernel() throws Exception {
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good())) {
            assertThatThrownBy(() -> dev.execute(new ScsiRequest(Cdbs.compareAndWrite(0, 1), new byte[1024], 512)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one direction");
        }
        assertThat(kernel.commands).isEmpty();
    }

    @Test
    void senseBufferCapacityIs96Bytes() throws Exception {
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good())) {
            dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
        }
        assertThat(only().mxSbLen()).isEqualTo(96);
    }

    @Test
    void senseLongerThanTheBufferIsCutAt96Bytes() throws Exception {
        byte[] sense = new byte[200];
        sense[0] = 0x72;
        sense[1] = 0x06;
        sense[2] = 0x29;
        sense[7] = (byte) 192;
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.checkCondition(sense))) {
            ScsiResponse r = dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
            assertThat(r.sense().asc()).isEqualTo(0x29);
        }
    }

    @Test
    void timeoutDefaultsTo60SecondsAsSg3Utils() throws Exception {
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good())) {
            dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
        }
        assertThat(only().timeoutMs()).isEqualTo(60_000);
    }

    @Test
    void timeoutIsConfigurableInMilliseconds() throws Exception {
        try (SgDevice dev = open(SgDevice.Options.DEFAULT.withTimeout(Duration.ofMillis(7500)), c -> Reply.good())) {
            dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
        }
        assertThat(only().timeoutMs()).isEqualTo(7500);
    }

    @Test
    void nonPositiveTimeoutIsRefused() {
        assertThatThrownBy(() -> SgDevice.Options.DEFAULT.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buffersSurviveGarbageCollectionWhileTheKernelHoldsTheirAddresses() throws Exception {
        // Reference notes §4.7, §5.4.7: the header stores only addresses; a collected Memory would be freed
        // under the kernel. Force collections between the kernel's read of the request and its write.
        kernel.betweenReadAndWrite = () -> {
            System.gc();
            Thread.onSpinWait(); // give JNA's cleaner thread a chance to free whatever became unreachable
            System.gc();
        };
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> c.direction() == SgIoHeader.SG_DXFER_TO_DEV
                ? Reply.good() : Reply.good(pattern(c.dxferLen(), c.cdb()[1])))) {
            for (int i = 0; i < 20; i++) {
                int length = 512 + 64 * i;
                byte[] cdb = Cdbs.read10(i, 1);
                cdb[1] = (byte) i;
                ScsiResponse r = dev.execute(ScsiRequest.dataIn(cdb, length));
                assertThat(r.dataIn()).isEqualTo(pattern(length, (byte) i));
                byte[] out = pattern(length, (byte) (i + 1));
                dev.execute(ScsiRequest.dataOut(Cdbs.write10(i, 1), out));
                assertThat(kernel.commands.get(kernel.commands.size() - 1).dataOut()).isEqualTo(out);
            }
        }
    }

    private static byte[] pattern(int length, byte seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }

    @Test
    void commandsOnOneDeviceNeverOverlapInTheKernel() throws Exception {
        kernel.betweenReadAndWrite = () -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SgDevice dev = open(SgDevice.Options.DEFAULT, c -> Reply.good(new byte[8]))) {
            List<Future<ScsiResponse>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) results.add(pool.submit(() -> dev.execute(ScsiRequest.dataIn(Cdbs.readCapacity10(), 8))));
            for (Future<ScsiResponse> f : results) assertThat(f.get().isGood()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(kernel.commands).hasSize(40);
        assertThat(kernel.maxInFlight).isEqualTo(1);
    }
}
