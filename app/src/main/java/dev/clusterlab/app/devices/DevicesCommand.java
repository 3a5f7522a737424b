package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.device.guard.DeviceGuard;
import dev.clusterlab.engine.iscsi.initiator.DiscoveredTarget;
import dev.clusterlab.engine.iscsi.initiator.Discovery;
import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.iscsi.initiator.InitiatorSettings;
import dev.clusterlab.engine.iscsi.initiator.IscsiUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clusterlab devices [URL]}: what a device is and the identity {@code --arm} expects. With a
 * LUN URL, the LU's description read with read-only commands; with {@code iscsi://host[:port]}, the
 * targets the portal offers (SendTargets); with no URL, the local SCSI devices grouped by LU.
 */
@Command(name = "devices", exitCodeOnInvalidInput = SgExitStatus.SYNTAX_ERROR, exitCodeOnExecutionException = SgExitStatus.OTHER,
        mixinStandardHelpOptions = true, version = "ClusterLab 0.1.0",
        description = {"List local SCSI devices, or describe the LU at a URL and the identity --arm expects.",
                "With iscsi://host[:port]/target-iqn/lun or sg:///dev/sgN: vendor, product, capacity, serial,",
                "identity (what --arm expects), VPD 83h designators and the initiator port used.",
                "iscsi://host[:port] lists the targets the portal offers; with no URL, lists local SCSI devices.",
                "Only read-only commands are sent."})
public final class DevicesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "URL", description = "Device URL, or iscsi://host[:port] for discovery.")
    String url;

    @Option(names = "--initiator-name", paramLabel = "IQN", description = "iSCSI initiator name to speak as; default " + DeviceAccess.DEFAULT_INITIATOR + ".")
    String initiatorName;

    @Option(names = "--isid", paramLabel = "HEX", description = "ISID of the session (hex); default 400000000001.")
    String isid;

    @Spec
    CommandSpec spec;

    /** The sysfs tree scanned when no URL is given; tests point it at a fake tree. */
    Path sysfsRoot = Path.of("/sys");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Long isidValue;
            try {
                isidValue = isid == null ? null : Long.parseUnsignedLong(isid.regionMatches(true, 0, "0x", 0, 2) ? isid.substring(2) : isid, 16);
            } catch (NumberFormatException e) {
                err.println("clusterlab devices: bad argument to '--isid': " + isid);
                return SgExitStatus.SYNTAX_ERROR;
            }
            if (url == null) return listLocal(out);
            String portal = discoveryPortal(url);
            if (portal != null) return discover(portal, isidValue, out, err);
            return describe(isidValue, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int describe(Long isidValue, PrintWriter out, PrintWriter err) {
        DeviceUrl parsed;
        try {
            parsed = DeviceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            err.println("clusterlab devices: " + e.getMessage());
            return SgExitStatus.SYNTAX_ERROR;
        }
        // Nothing is armed here: the guard lets only read-only commands through, whatever this code sends.
        DeviceGuard device;
        try {
            device = DeviceAccess.readOnly(initiatorName, isidValue).open(parsed);
        } catch (IOException | RuntimeException e) {
            err.println("clusterlab devices: cannot open " + url + ": " + e.getMessage());
            return SgExitStatus.FILE_ERROR;
        }
        try (device) {
            // Only reads follow, so every pending unit attention may go (each clear() stops at a non-29h one).
            for (int i = 0; i < 4 && parsed instanceof DeviceUrl.Iscsi && LoginAttentions.clear(device, r -> {}) != null; i++) { }
            out.print(LuReport.read(device, device.identity(), device.initiatorPortName()).render(parsed.toString()));
            return SgExitStatus.OK;
        } catch (RuntimeException e) {
            err.println("clusterlab devices: " + url + ": transport error: " + e.getMessage());
            return SgExitStatus.TRANSPORT_ERROR;
        }
    }

    /** "iscsi://host[:port]" or "iscsi://host[:port]/" (no target): the portal to ask; else null. */
    static String discoveryPortal(String text) {
        if (!text.regionMatches(true, 0, "iscsi://", 0, 8)) return null;
        String rest = text.substring(8);
        if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        return rest.isEmpty() || rest.indexOf('/') >= 0 ? null : rest;
    }

    private int discover(String portal, Long isidValue, PrintWriter out, PrintWriter err) {
        IscsiUrl address;
        try {
            address = IscsiUrl.parse("iscsi://" + portal + "/discovery/0");
        } catch (IllegalArgumentException e) {
            err.println("clusterlab devices: " + e.getMessage().replace("/discovery/0", ""));
            return SgExitStatus.SYNTAX_ERROR;
        }
        InitiatorIdentity me;
        List<DiscoveredTarget> targets;
        try {
            me = new InitiatorIdentity(initiatorName == null ? DeviceAccess.DEFAULT_INITIATOR : initiatorName,
                    isidValue == null ? DeviceAccess.DEFAULT_ISID : isidValue);
            targets = Discovery.sendTargets(address.address(), me, InitiatorSettings.DEFAULT);
        } catch (IOException | RuntimeException e) {
            err.println("clusterlab devices: discovery at " + portal + " failed: " + e.getMessage());
            return SgExitStatus.FILE_ERROR;
        }
        String base = "iscsi://" + address.host() + ":" + address.port();
        if (targets.isEmpty()) {
            out.println("no targets offered to " + me.name() + " at " + base);
            return SgExitStatus.OK;
        }
        out.println("Targets at " + base + " (SendTargets as " + me.name() + "):");
        for (DiscoveredTarget t : targets) {
            out.println("  " + t.name());
            for (DiscoveredTarget.Portal p : t.portals())
                out.println("    portal " + p.host() + ":" + p.port() + ", portal group " + p.portalGroupTag());
        }
        out.println("Describe a LUN with: clusterlab devices " + base + "/<target>/<lun>");
        return SgExitStatus.OK;
    }

    private int listLocal(PrintWriter out) {
        SgSupport.Scan scan = SgSupport.scan(sysfsRoot);
        for (String problem : scan.problems()) out.println("note: " + problem);
        if (scan.units().isEmpty()) {
            out.println("no local SCSI devices found (looked in " + SgSupport.scsiGenericDir(sysfsRoot) + ")");
            return SgExitStatus.OK;
        }
        // Paths that report the same identity lead to the same LU (multipath): listed together under it.
        for (SgSupport.LocalLu lu : scan.units()) {
            SgSupport.LocalPath first = lu.paths().get(0);
            out.println((lu.identity() == null ? "(no identity: cannot be armed)" : lu.identity()) + "  " + first.vendor() + " "
                    + first.model() + "  " + first.type() + (lu.paths().size() > 1 ? "  " + lu.paths().size() + " paths" : ""));
            for (SgSupport.LocalPath p : lu.paths())
                out.println("  sg://" + p.sgPath() + (p.blockPath() == null ? "" : "  (" + p.blockPath() + ")"));
        }
        return SgExitStatus.OK;
    }
}
