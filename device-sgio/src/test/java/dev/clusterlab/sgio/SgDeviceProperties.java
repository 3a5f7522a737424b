package dev.clusterlab.sgio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.sgio.FakeSgKernel.Reply;
import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Marshalling and result mapping hold for any lengths, bytes and codes the kernel may hand back. */
class SgDeviceProperties {
    private static final String PATH = "/dev/sg1";

    private static SgDevice device(FakeSgKernel kernel, Function<FakeSgKernel.Command, Reply> answer) throws SgDeviceException {
        return SgDevice.open(kernel.device(PATH, answer), PATH, SgDevice.Options.DEFAULT, null);
    }

    @Property(tries = 200)
    void dataOutOfAnyLengthReachesTheKernelIntact(@ForAll @Size(min = 1, max = 4096) byte[] data) throws Exception {
        FakeSgKernel kernel = new FakeSgKernel();
        try (SgDevice dev = device(kernel, c -> Reply.good())) {
            dev.execute(ScsiRequest.dataOut(Cdbs.write10(0, 1), data));
        }
        assertThat(kernel.commands.get(0).dataOut()).isEqualTo(data);
    }

    @Property(tries = 200)
    void dataInIsWhatTheDeviceWroteCutAtTheCapacity(@ForAll @Size(max = 4096) byte[] deviceData,
                                                     @ForAll @IntRange(min = 1, max = 4096) int capacity) throws Exception {
        try (SgDevice dev = device(new FakeSgKernel(), c -> Reply.good(deviceData))) {
            ScsiResponse r = dev.execute(ScsiRequest.dataIn(Cdbs.inquiry(capacity & 0xFFFF), capacity));
            int moved = Math.min(deviceData.length, capacity);
            assertThat(r.dataIn()).isEqualTo(Arrays.copyOf(deviceData, moved));
            assertThat(r.residual()).isEqualTo(capacity - moved);
        }
    }

    @Property(tries = 300)
    void anySenseBytesGiveACheckConditionOrATransportFailure(@ForAll @Size(min = 1, max = 120) byte[] sense) throws Exception {
        try (SgDevice dev = device(new FakeSgKernel(), c -> Reply.checkCondition(sense))) {
            ScsiResponse r;
            try {
                r = dev.execute(ScsiRequest.noData(Cdbs.testUnitReady()));
            } catch (SgTransportException e) {
                assertThat(e.reason()).isEqualTo(SgTransportException.Reason.SENSE_MISSING);
                return;
            }
            assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
            assertThat(r.sense()).isNotNull();
        }
    }

    @Property(tries = 100)
    void everyHostStatusButDidOkIsATransportFailure(@ForAll @IntRange(min = 1, max = 0xFFFF) int hostStatus) throws Exception {
        try (SgDevice dev = device(new FakeSgKernel(), c -> Reply.host(hostStatus))) {
            assertThatThrownBy(() -> dev.execute(ScsiRequest.noData(Cdbs.testUnitReady())))
                    .isInstanceOfSatisfying(SgTransportException.class, e -> assertThat(e.hostStatus()).isEqualTo(hostStatus))
                    .hasMessageContaining("DID_");
        }
    }
}
