package dev.clusterlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.target.StopSignal;
import dev.clusterlab.engine.capture.Tshark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `clusterlab target --capture FILE`: a real initiator's session lands in FILE and tshark decodes its INQUIRY. */
class TargetCaptureTest {
    private static final String IQN = "iqn.2026-11.dev.clusterlab:capture-test";

    @Test
    @Timeout(90)
    void captureFileHoldsTheInquiryOfLibiscsisIscsiInq(@TempDir Path dir) throws Exception {
        Tshark.executable();
        Path file = dir.resolve("target.pcap");
        TargetCommand cmd = new TargetCommand();
        StopSignal stop = StopSignal.manual();
        cmd.stopSignal = stop;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> line.execute("--listen", "127.0.0.1:0",
                "--lun", "16M", "--target", IQN, "--trace", "none", "--capture", file.toString()));

        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        Matcher m = listening.matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !run.isDone()) {
            synchronized (out) {
                m = listening.matcher(out.toString());
            }
            if (m.find() && out.toString().contains("capturing")) break;
            Thread.sleep(20);
        }
        assertThat(run.isDone()).as("the command ended early; stderr: %s", err).isFalse();
        assertThat(m.find(0)).as("output: %s", out).isTrue();
        int port = Integer.parseInt(m.group(1));
        String inquiry = run("iscsi-inq", "iscsi://127.0.0.1:" + port + "/" + IQN + "/0");
        stop.trigger("test");
        assertThat(run.get(30, TimeUnit.SECONDS)).as("stderr: %s", err).isZero();

        assertThat(inquiry).contains("Peripheral Device Type");
        assertThat(out.toString()).contains("capturing every connection's iSCSI traffic to " + file);
        List<String> decodeAs = List.of("-d", "tcp.port==" + port + ",iscsi");
        assertThat(Tshark.fields(file, decodeAs, "(scsi.spc.opcode == 0x12 || scsi_sbc.opcode == 0x12) && iscsi.opcode == 0x01",
                "frame.number")).isNotEmpty();
        assertThat(Tshark.fields(file, decodeAs, "scsi.inquiry.vendor_id", "scsi.inquiry.vendor_id"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get(0)).isNotBlank());
    }

    private static String run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command[0] + " is not installed (Debian package libiscsi-bin; scripts/test-deps.sh)", e);
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command[0] + " hung");
        }
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
