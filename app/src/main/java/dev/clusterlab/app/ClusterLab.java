package dev.clusterlab.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `clusterlab` command. */
@Command(name = "clusterlab", mixinStandardHelpOptions = true, version = "ClusterLab 0.1.0",
        description = "A desktop lab for failover clusters on shared SCSI disks.",
        subcommands = {dev.clusterlab.app.run.RunCommand.class, ConsoleCommand.class, DecodeCommand.class, TargetCommand.class, CommandLine.HelpCommand.class})
public final class ClusterLab implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterLab()).execute(args));
    }
}
