package dev.clusterlab.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.app.ClusterLab;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clusterlab snapshot}: a PNG of the requested size, different times give different pictures, bad input exits 2. */
class SnapshotCommandTest {
    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine snapshot = new CommandLine(new SnapshotCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return snapshot.execute(args);
    }

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path png = dir.resolve("lab.png");
        assertThat(run("wsfc-owner-power-off", "--at", "25s", "--out", png.toString(), "--size", "1024x640")).isEqualTo(0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(640);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote").contains("25.000 s");
    }

    @Test
    void theDefaultSizeIs1600x1000() throws IOException {
        Path png = dir.resolve("default.png");
        assertThat(run("wsfc-owner-power-off", "--at", "1m", "--out", png.toString(), "--theme", "dark")).isEqualTo(0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(1000);
    }

    @Test
    void differentTimesGiveDifferentPictures() throws IOException {
        Path before = dir.resolve("before.png"), after = dir.resolve("after.png");
        assertThat(run("wsfc-owner-power-off", "--at", "5s", "--out", before.toString(), "--size", "800x500")).isEqualTo(0);
        assertThat(run("wsfc-owner-power-off", "--at", "25s", "--out", after.toString(), "--size", "800x500")).isEqualTo(0);
        BufferedImage a = ImageIO.read(before.toFile()), b = ImageIO.read(after.toFile());
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) differing++;
        assertThat(differing).as("pixels that differ between 5 s and 25 s").isGreaterThan(1000);
    }

    @Test
    void presenterModeGivesADifferentPictureAndSaysSo() throws IOException {
        Path normal = dir.resolve("normal.png"), presenter = dir.resolve("presenter.png");
        assertThat(run("wsfc-owner-power-off", "--at", "25s", "--out", normal.toString(), "--size", "800x500")).isEqualTo(0);
        assertThat(run("wsfc-owner-power-off", "--at", "25s", "--out", presenter.toString(), "--size", "800x500", "--presenter")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("presenter mode");
        BufferedImage a = ImageIO.read(normal.toFile()), b = ImageIO.read(presenter.toFile());
        assertThat(b.getWidth()).isEqualTo(800);
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) differing++;
        assertThat(differing).as("pixels that differ between normal and presenter mode").isGreaterThan(10_000);
    }

    @Test
    void consoleLinesAreTypedBeforeThePictureIsTaken() throws IOException {
        Path plain = dir.resolve("plain.png"), typed = dir.resolve("typed.png");
        assertThat(run("wsfc-owner-power-off", "--at", "25s", "--out", plain.toString(), "--size", "800x500")).isEqualTo(0);
        assertThat(run("wsfc-owner-power-off", "--at", "25s", "--out", typed.toString(), "--size", "800x500",
                "--console", "node-b --read-keys data")).isEqualTo(0);
        BufferedImage a = ImageIO.read(plain.toFile()), b = ImageIO.read(typed.toFile());
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) differing++;
        assertThat(differing).as("the console's answer and the decoded row change the picture").isGreaterThan(1000);
    }

    @Test
    void anUnknownScenarioExitsTwoAndListsTheShippedOnes() {
        assertThat(run("no-such-scenario", "--at", "5s", "--out", dir.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file or shipped scenario").contains("wsfc-owner-power-off");
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
    }

    @Test
    void aBadTimeOrSizeOrThemeExitsTwo() {
        Path png = dir.resolve("x.png");
        assertThat(run("wsfc-owner-power-off", "--at", "soon", "--out", png.toString())).isEqualTo(2);
        assertThat(run("wsfc-owner-power-off", "--at", "5s", "--out", png.toString(), "--size", "big")).isEqualTo(2);
        assertThat(run("wsfc-owner-power-off", "--at", "5s", "--out", png.toString(), "--theme", "pink")).isEqualTo(2);
        assertThat(run("wsfc-owner-power-off", "--at", "5m", "--out", png.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("after the scenario's end");
        assertThat(Files.exists(png)).isFalse();
    }

    @Test
    void theSnapshotCommandIsListedInTheMainHelp() {
        assertThat(new CommandLine(new ClusterLab()).getSubcommands()).containsKey("snapshot");
    }
}
