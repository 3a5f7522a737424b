package dev.clusterlab.app;

import dev.clusterlab.app.window.WindowCommand;
import dev.clusterlab.views.canvas.Theme;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Entry point of the `clusterlab` command. */
@Command(name = "clusterlab", mixinStandardHelpOptions = true, version = "ClusterLab 0.1.0",
        description = {"A desktop lab for failover clusters on shared SCSI disks.",
                "With no command, opens the lab window on the built-in demo (wsfc-owner-power-off), playing;",
                "with a scenario (file or shipped name) or a trace file (from run --trace), opens the window on that."},
        subcommands = {dev.clusterlab.app.run.RunCommand.class, ConsoleCommand.class, DecodeCommand.class, TargetCommand.class,
                dev.clusterlab.app.window.SnapshotCommand.class, dev.clusterlab.app.devices.PersistCommand.class,
                dev.clusterlab.app.devices.DevicesCommand.class, dev.clusterlab.app.capture.ImportCommand.class,
                dev.clusterlab.app.export.ExportCommand.class, dev.clusterlab.app.export.BundleCommand.class, CommandLine.HelpCommand.class})
public final class ClusterLab implements Callable<Integer> {

    @Option(names = "--theme", defaultValue = "light", paramLabel = "light|dark", description = "Colour theme of the lab window (default: ${DEFAULT-VALUE}).")
    String theme;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO|TRACE", description = "A scenario file, a shipped scenario's name, or a trace to replay.")
    String open;

    @picocli.CommandLine.Mixin
    dev.clusterlab.app.devices.RealDeviceOptions devices = new dev.clusterlab.app.devices.RealDeviceOptions();

    /** No command: the lab window on the demo, or on what was named. */
    @Override
    public Integer call() {
        Theme chosen;
        try {
            chosen = Theme.parse(theme);
        } catch (IllegalArgumentException e) {
            System.err.println("clusterlab: " + e.getMessage());
            return 2;
        }
        String problem = devices.validate();
        if (problem != null) {
            System.err.println("clusterlab: " + problem);
            return 2;
        }
        return WindowCommand.open(open, chosen, devices.realDevices(), System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterLab()).execute(args));
    }
}
