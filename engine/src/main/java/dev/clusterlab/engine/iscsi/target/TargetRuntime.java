package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.target.LogicalUnit;
import java.util.List;
import java.util.Locale;

/**
 * A target as served: its definition, its logical units (LUN = index) and one SCSI target port per
 * portal group (SAM-5 §4.6.5: relative target port identifier = index + 1, port group = the tag).
 */
final class TargetRuntime {
    private final TargetDefinition definition;
    private final List<LogicalUnit> units;
    private final List<TargetPort> ports;

    TargetRuntime(TargetDefinition definition, List<LogicalUnit> units, List<TargetPort> ports) {
        this.definition = definition;
        this.units = List.copyOf(units);
        this.ports = List.copyOf(ports);
    }

    /** The target port name of a portal group: {@code <iqn>,t,0x<tag as 4 hex digits>} (RFC 7143 §4.4.2). */
    static String portName(String target, int tag) {
        String hex = Integer.toHexString(tag);
        return target + ",t,0x" + "0000".substring(hex.length()) + hex;
    }

    TargetDefinition definition() { return definition; }

    String name() { return definition.name(); }

    List<LogicalUnit> units() { return units; }

    /** The logical unit with {@code lun}, or null when the target has none. */
    LogicalUnit unit(int lun) { return lun >= 0 && lun < units.size() ? units.get(lun) : null; }

    /** The target port of the portal group with {@code tag}. */
    TargetPort port(int tag) {
        for (TargetPort p : ports) if (p.portGroupId() == tag) return p;
        throw new IllegalArgumentException("no portal group " + tag + " in " + name());
    }

    /** RFC 7143 §9.2: initiator names compare case-insensitively; an empty list admits everybody. */
    boolean admits(String initiatorName) {
        if (definition.allowedInitiators().isEmpty()) return true;
        String lower = initiatorName.toLowerCase(Locale.ROOT);
        for (String allowed : definition.allowedInitiators()) if (allowed.toLowerCase(Locale.ROOT).equals(lower)) return true;
        return false;
    }
}
