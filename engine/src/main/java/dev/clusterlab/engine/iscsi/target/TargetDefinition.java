package dev.clusterlab.engine.iscsi.target;

import java.util.List;
import java.util.Set;

/**
 * One iSCSI target.
 *
 * @param name the target's iSCSI name (iqn./eui./naa.)
 * @param portalGroups its portal groups; each is one target port (relative target port id = index + 1)
 * @param luns its logical units, LUN 0, 1, ... in list order
 * @param chap when non-null, initiators must authenticate with CHAP (MD5)
 * @param mutualChap when non-null, the target answers an initiator's mutual CHAP challenge with these
 * @param allowedInitiators initiator names allowed to log in (case-insensitive); empty allows all
 */
public record TargetDefinition(String name, List<PortalGroup> portalGroups, List<LunDefinition> luns,
                               ChapSecret chap, ChapSecret mutualChap, Set<String> allowedInitiators) {
    public TargetDefinition {
        portalGroups = List.copyOf(portalGroups);
        luns = List.copyOf(luns);
        allowedInitiators = Set.copyOf(allowedInitiators);
        if (portalGroups.isEmpty()) throw new IllegalArgumentException("a target needs a portal group");
        if (luns.isEmpty()) throw new IllegalArgumentException("a target needs at least one LUN");
    }
}
