package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.target.LogicalUnit;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Finds the logical unit an Identification descriptor target descriptor (E4h) names, for copies
 * between logical units. The copying logical unit always finds itself; a resolver is asked only
 * about other designators. A transport that serves several logical units (the iSCSI target) can
 * pass {@link #among} its logical units to {@code CommandTable.standard(resolver)}.
 */
@FunctionalInterface
public interface CopyTargetResolver {

    /** The logical unit with this designator, or null when none is reachable (COPY ABORTED 0Dh/02h). */
    LogicalUnit find(CopyTargetDesignator designator);

    /** Copies only within the copying logical unit. */
    CopyTargetResolver SAME_LOGICAL_UNIT = d -> null;

    /** Finds any of {@code units} (read at each lookup, so units added later are found) by its NAA designator. */
    static CopyTargetResolver among(Supplier<? extends Collection<LogicalUnit>> units) {
        return d -> {
            for (LogicalUnit lu : units.get()) if (d.names(lu.identity())) return lu;
            return null;
        };
    }
}
