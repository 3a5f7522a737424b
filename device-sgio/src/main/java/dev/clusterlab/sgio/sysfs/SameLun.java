package dev.clusterlab.sgio.sysfs;

import java.util.List;

/**
 * Local paths that lead to one logical unit (multipath): devices with the same VPD 83h identity.
 *
 * @param identity the shared name (naa./eui./...), or a device's sg name when it has no identity
 */
public record SameLun(String identity, List<LocalScsiDevice> paths) {
    public SameLun {
        paths = List.copyOf(paths);
    }
}
