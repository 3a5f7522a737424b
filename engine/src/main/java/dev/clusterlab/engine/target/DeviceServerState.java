package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.target.spc.ModeParameters;
import java.util.HashMap;
import java.util.Map;

/**
 * The device server's mutable state other than reservations and unit attentions: mode parameters,
 * started/stopped, medium present or ejected, medium removal prevention; and the fixed
 * {@link LuOptions} it was built with.
 */
public final class DeviceServerState {
    private final ModeParameters mode = new ModeParameters();
    private final Map<ItNexus, Integer> prevention = new HashMap<>();
    private final LuOptions options;
    private boolean stopped;
    private boolean mediumPresent = true;

    /** A fixed, writable disk. */
    public DeviceServerState() { this(LuOptions.FIXED_WRITABLE); }

    public DeviceServerState(LuOptions options) { this.options = java.util.Objects.requireNonNull(options); }

    public ModeParameters mode() { return mode; }

    public LuOptions options() { return options; }

    /** RMB: the medium can be ejected and loaded (SPC-4 §6.6.2). */
    public boolean removable() { return options.removable(); }

    /**
     * Whether commands that change the medium are refused with DATA PROTECT 27h/00h: hardware write
     * protection ({@link LuOptions#writeProtected()}) or the Control page's SWP bit (SPC-4 §7.5.8).
     * MODE SENSE reports the same value as WP (SBC-3 §6.4.1: WP=1 means the medium is write protected,
     * whatever the cause).
     */
    public boolean writeProtected() { return options.writeProtected() || mode.softwareWriteProtect(); }

    /**
     * False after START STOP UNIT ejected a removable medium (LOEJ=1, START=0) until one loads it
     * again (LOEJ=1, START=1). Always true for a fixed medium. Resets do not load or eject anything.
     */
    public boolean mediumPresent() { return mediumPresent; }

    public void setMediumPresent(boolean present) { this.mediumPresent = present; }

    /** Stopped by START STOP UNIT (START=0): media access commands get NOT READY 04h/02h (SBC-3 §4.20). */
    public boolean stopped() { return stopped; }

    public void setStopped(boolean stopped) { this.stopped = stopped; }

    /**
     * Records the PREVENT field of PREVENT ALLOW MEDIUM REMOVAL from {@code nexus}; 0 withdraws
     * that nexus's prevention (SPC-4 §6.13: prevention is held per I_T nexus).
     */
    public void setPrevention(ItNexus nexus, int prevent) {
        if (prevent == 0) prevention.remove(nexus);
        else prevention.put(nexus, prevent);
    }

    /** The PREVENT value last set by {@code nexus} (0 when none). */
    public int prevention(ItNexus nexus) { return prevention.getOrDefault(nexus, 0); }

    /** Whether any nexus prevents medium removal. */
    public boolean mediumRemovalPrevented() { return !prevention.isEmpty(); }

    /** I_T nexus loss ends that nexus's prevention (SBC-3 §5.12: prevention does not survive its nexus). */
    public void releasePrevention(ItNexus nexus) { prevention.remove(nexus); }

    /**
     * Back to power-on defaults: mode pages to their defaults (there are no saved values), the
     * unit started, no prevention (SPC-4 §6.13: a hard reset or LU reset clears prevention). A
     * removable medium stays where it is: a reset moves no tray.
     */
    public void reset() {
        mode.reset();
        prevention.clear();
        stopped = false;
    }
}
