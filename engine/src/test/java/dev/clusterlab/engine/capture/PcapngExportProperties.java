package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.timeline.NodeState;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any timeline, however odd (missing nexus, LU, status or data; unpaired or repeated command ids;
 * times going back; huge data; FC and SAS initiators), exports without an exception into a capture
 * whose blocks parse, whose checksums verify and whose packet times never go back.
 */
class PcapngExportProperties {
    private static final InitiatorPort[] PORTS = {
            InitiatorPort.iscsi("iqn.2026-01.lab:node-a", 1), InitiatorPort.iscsi("iqn.2026-01.lab:node-b", 2),
            InitiatorPort.fc(0x2100_0024_ff00_0001L), InitiatorPort.sas(0x5000_c500_0000_0001L)};
    private static final TargetPort[] TARGETS = {new TargetPort(1, "iqn.t:san,t,0x0001", 1), new TargetPort(2, "plain", 2)};

    @Property(tries = 60)
    void anyTimelineExportsToAWellFormedCapture(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size)
            throws Exception {
        List<TimelineEvent> events = generate(new Random(seed), size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngExport.write(events, p -> p == PORTS[0] ? "node-a/p1" : null, out);
        PcapngBlocks blocks = PcapngBlocks.parse(out.toByteArray());
        long last = Long.MIN_VALUE;
        for (PcapngBlocks.Block p : blocks.packets()) {
            byte[] f = p.packet();
            assertThat(SyntheticConnection.checksum(f, 14, 20, 0)).isZero();
            ByteBuffer b = ByteBuffer.wrap(f);
            int tcpLength = Short.toUnsignedInt(b.getShort(16)) - 20;
            int pseudo = (b.getShort(26) & 0xFFFF) + (b.getShort(28) & 0xFFFF) + (b.getShort(30) & 0xFFFF)
                    + (b.getShort(32) & 0xFFFF) + 6 + tcpLength;
            assertThat(SyntheticConnection.checksum(f, 34, tcpLength, pseudo)).isZero();
            assertThat(f.length).isLessThanOrEqualTo(14 + 65535);
            assertThat(p.timestamp()).isGreaterThan(last);
            last = p.timestamp();
        }
    }

    private static List<TimelineEvent> generate(Random r, int n) {
        List<TimelineEvent> out = new ArrayList<>(n);
        long time = 0;
        for (int i = 0; i < n; i++) {
            time += r.nextInt(30) == 0 ? -r.nextInt(1_000_000) : r.nextInt(2_000_000);
            String lu = r.nextInt(15) == 0 ? null : "lu" + r.nextInt(3);
            ItNexus nexus = r.nextInt(15) == 0 ? null : new ItNexus(PORTS[r.nextInt(PORTS.length)], TARGETS[r.nextInt(2)]);
            long id = r.nextInt(n + 1);
            out.add(switch (r.nextInt(8)) {
                case 0, 1 -> new TimelineEvent.CommandStarted(time, lu, nexus, id, r.nextInt(10) == 0 ? null : bytes(r, r.nextInt(20)),
                        r.nextInt(5) == 0 ? null : bytes(r, size(r)));
                case 2, 3 -> new TimelineEvent.CommandCompleted(time, lu, nexus, id,
                        r.nextInt(10) == 0 ? null : ScsiStatus.values()[r.nextInt(ScsiStatus.values().length)],
                        r.nextBoolean() ? null : SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.INVALID_FIELD_IN_CDB),
                        r.nextInt(4) == 0 ? null : bytes(r, size(r)));
                case 4 -> new TimelineEvent.TaskManagement(time, lu, nexus,
                        TimelineEvent.TaskManagementKind.values()[r.nextInt(TimelineEvent.TaskManagementKind.values().length)]);
                case 5 -> new TimelineEvent.TasksAborted(time, lu, nexus, 1, null);
                case 6 -> new TimelineEvent.UnitAttentionQueued(time, lu, nexus, null);
                default -> new TimelineEvent.NodeStateChanged(time, "node-" + r.nextInt(3), NodeState.UP,
                        NodeState.values()[r.nextInt(NodeState.values().length)]);
            });
        }
        return out;
    }

    private static int size(Random r) {
        return switch (r.nextInt(20)) {
            case 0 -> 64 * 1024 + r.nextInt(100_000);
            case 1 -> 8192 + r.nextInt(20_000);
            default -> r.nextInt(300);
        };
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
