package dev.clusterlab.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.target.IscsiTargetServer;
import dev.clusterlab.engine.iscsi.target.LunDefinition;
import dev.clusterlab.engine.iscsi.target.PortalGroup;
import dev.clusterlab.engine.iscsi.target.TargetDefinition;
import dev.clusterlab.engine.iscsi.target.TargetLimits;
import dev.clusterlab.engine.target.pr.AptplStore;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import dev.clusterlab.engine.timeline.TimelineSink;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's live capture (Netty's PcapWriteHandler on every accepted connection) while libiscsi's
 * iscsi-inq (Debian libiscsi-bin) asks for INQUIRY data: tshark decodes the login and the INQUIRY.
 */
class LiveCaptureTest {
    private static final String IQN = "iqn.2026-11.dev.clusterlab:capture";

    @Test
    void tsharkDecodesTheInquiryOfARealInitiatorFromTheLiveCapture(@TempDir Path dir) throws Exception {
        Tshark.executable();
        Path file = dir.resolve("live.pcap");
        TargetDefinition target = new TargetDefinition(IQN,
                List.of(new PortalGroup(1, List.of(new InetSocketAddress("127.0.0.1", 0)))),
                List.of(new LunDefinition("disk", new MemoryBlockStore(512, 2048), AptplStore.NONE)), null, null, Set.of());
        int port;
        String inquiry;
        try (LiveCapture capture = LiveCapture.open(file);
             IscsiTargetServer server = IscsiTargetServer.start(List.of(target), TargetLimits.DEFAULT, TimelineSink.DISCARD, e -> { })) {
            server.tapConnections(capture::handlerForConnection);
            port = server.boundAddresses().get(0).getPort();
            inquiry = run("iscsi-inq", "iscsi://127.0.0.1:" + port + "/" + IQN + "/0");
        }
        assertThat(inquiry).contains("Peripheral Device Type");
        List<String> decodeAs = List.of("-d", "tcp.port==" + port + ",iscsi");
        assertThat(Tshark.fields(file, decodeAs, "iscsi.opcode == 0x03", "iscsi.keyvalue"))
                .anySatisfy(r -> assertThat(r.get(0)).contains("TargetName=" + IQN));
        assertThat(Tshark.fields(file, decodeAs, "(scsi.spc.opcode == 0x12 || scsi_sbc.opcode == 0x12) && iscsi.opcode == 0x01", "frame.number"))
                .isNotEmpty(); // iscsi-inq asks twice: 36 bytes, then the length the first answer gives
        assertThat(Tshark.fields(file, decodeAs, "scsi.inquiry.vendor_id", "scsi.inquiry.vendor_id"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get(0)).isNotBlank());
        assertThat(Tshark.fields(file, decodeAs, "_ws.malformed || _ws.expert.severity >= 0x00800000", "frame.number")).isEmpty();
    }

    private static String run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command[0] + " is not installed (Debian package libiscsi-bin; scripts/test-deps.sh)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command[0] + " hung");
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
