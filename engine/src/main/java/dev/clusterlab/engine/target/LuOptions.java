package dev.clusterlab.engine.target;

/**
 * How the medium of a logical unit behaves, fixed when the unit is built.
 *
 * @param removable the medium can be ejected and loaded with START STOP UNIT (LOEJ=1) and its
 *     removal prevented with PREVENT ALLOW MEDIUM REMOVAL; INQUIRY reports RMB=1 (SPC-4 §6.6.2)
 * @param writeProtected hardware write protection, like a write-protect switch: every command
 *     that would change the medium gets DATA PROTECT 27h/00h and MODE SENSE reports WP=1 (SBC-3
 *     §6.4.1). Unlike the Control page's SWP bit (SPC-4 §7.5.8) no initiator can turn it off.
 */
public record LuOptions(boolean removable, boolean writeProtected) {
    /** A fixed, writable disk: the default, and what a shared cluster disk is. */
    public static final LuOptions FIXED_WRITABLE = new LuOptions(false, false);

    public LuOptions withRemovable(boolean removable) { return new LuOptions(removable, writeProtected); }

    public LuOptions withWriteProtected(boolean writeProtected) { return new LuOptions(removable, writeProtected); }
}
