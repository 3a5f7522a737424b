package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.target.spc.ModeParameters;
import java.util.HashMap;
import java.util.Map;

/**
 * The device server's mutable state other than reservations and unit attentions: mode parameters,
 * started/stopped, medium removal prevention.
 */
public final class DeviceServerState {
    private final ModeParameters mode = new ModeParameters();
    private final Map<ItNexus, Integer> prevention = new HashMap<>();
    private boolean stopped;

    public ModeParameters mode() { return mode; }

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
     * unit started, no prevention (SPC-4 §6.13: a hard reset or LU reset clears prevention).
     */
    public void reset() {
        mode.reset();
        prevention.clear();
        stopped = false;
    }
}
