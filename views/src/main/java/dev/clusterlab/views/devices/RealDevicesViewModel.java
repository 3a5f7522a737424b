package dev.clusterlab.views.devices;

import dev.clusterlab.engine.cluster.storage.RealDisk;
import dev.clusterlab.engine.device.DeviceIdentity;
import dev.clusterlab.engine.device.guard.Arming;
import dev.clusterlab.views.session.LabSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The real disks of a session and their arming, for the Devices dialog. Arming asks the user to type
 * the device's identity (as sg_persist users read it off `clusterlab devices`), so that a click alone
 * can never let the lab change an array.
 */
public final class RealDevicesViewModel {

    /** One real disk as the dialog lists it. */
    public record Row(String disk, String url, List<String> identities, boolean armed, List<String> paths) {
        /** The identity to type: the one every path agrees on, or null when paths disagree or none is known. */
        public String identity() { return identities.size() == 1 ? identities.get(0) : null; }
    }

    /** What arming did: armed, or why not. */
    public record Outcome(boolean armed, String message) {}

    private final LabSession session;

    public RealDevicesViewModel(LabSession session) { this.session = session; }

    public boolean hasRealDisks() { return !session.realDisks().isEmpty(); }

    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (RealDisk d : session.realDisks()) {
            List<String> ids = new ArrayList<>();
            for (DeviceIdentity id : d.identities()) ids.add(id.name());
            out.add(new Row(d.name(), d.url().toString(), ids, d.armed(), d.describePaths()));
        }
        return out;
    }

    /**
     * Arms {@code disk} when {@code typed} is its identity; with {@code dataWrites} data-block writes
     * are let through too.
     */
    public Outcome arm(String disk, String typed, boolean dataWrites) {
        Row row = row(disk);
        if (row == null) return new Outcome(false, "no real disk called " + disk);
        if (row.identity() == null) {
            return new Outcome(false, row.identities().isEmpty()
                    ? "disk " + disk + " did not report an identity (VPD 83h), so it cannot be armed"
                    : "the paths of disk " + disk + " lead to different devices (" + String.join(", ", row.identities())
                    + "): fix the scenario's bind lines before arming");
        }
        if (typed == null || typed.isBlank()) return new Outcome(false, "type the device identity " + row.identity() + " to arm it");
        if (!DeviceIdentity.canonical(typed).equals(DeviceIdentity.canonical(row.identity()))) {
            return new Outcome(false, "'" + typed.strip() + "' is not the identity of disk " + disk + " (" + row.identity() + "); nothing was armed");
        }
        arming().arm(row.identity(), dataWrites);
        return new Outcome(true, "disk " + disk + " (" + row.identity() + ") is armed"
                + (dataWrites ? " for reservation commands and data writes" : " for reservation commands; data writes stay refused")
                + "; every state-changing command is written to the audit log");
    }

    /** Makes {@code disk} read-only again. */
    public void disarm(String disk) {
        Row row = row(disk);
        if (row != null) for (String id : row.identities()) arming().disarm(id);
    }

    private Arming arming() { return session.devices().arming(); }

    private Row row(String disk) {
        for (Row r : rows()) if (r.disk().equals(disk)) return r;
        return null;
    }
}
