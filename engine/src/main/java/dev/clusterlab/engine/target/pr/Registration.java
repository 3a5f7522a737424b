package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.TargetPort;
import java.util.List;

/**
 * One registration (SPC-4 §5.13.7). It belongs to an initiator port and a target port — never to a
 * session — so it survives I_T nexus loss and resets (§5.13.1) and a reconnect of the same port
 * finds it again. With ALL_TG_PT=1 it covers that initiator port through every target port; it is
 * then one registration for all of them: a key change or unregister through any of those I_T
 * nexuses applies to the whole registration.
 *
 * @param targetPort the target port it was made through, or null when it covers all target ports
 * @param key the reservation key, never 0 (a zero SERVICE ACTION RESERVATION KEY unregisters)
 */
public record Registration(InitiatorPort initiator, TargetPort targetPort, long key) {
    public Registration {
        if (initiator == null) throw new IllegalArgumentException("initiator");
        if (key == 0) throw new IllegalArgumentException("a registration never has key 0");
    }

    public boolean allTargetPorts() { return targetPort == null; }

    /** Whether commands from {@code nexus} are commands from this registrant. */
    public boolean covers(ItNexus nexus) {
        return initiator.equals(nexus.initiator()) && (targetPort == null || targetPort.equals(nexus.target()));
    }

    /** The I_T nexuses this registration registers, given the logical unit's target ports. */
    public List<ItNexus> nexuses(List<TargetPort> luPorts) {
        if (targetPort != null) return List.of(new ItNexus(initiator, targetPort));
        ItNexus[] out = new ItNexus[luPorts.size()];
        for (int i = 0; i < out.length; i++) out[i] = new ItNexus(initiator, luPorts.get(i));
        return List.of(out);
    }

    /** The number of I_T nexuses registered (what READ KEYS lists). */
    int nexusCount(List<TargetPort> luPorts) { return targetPort == null ? luPorts.size() : 1; }

    public Registration withKey(long newKey) { return new Registration(initiator, targetPort, newKey); }
}
