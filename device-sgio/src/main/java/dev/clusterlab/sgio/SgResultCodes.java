package dev.clusterlab.sgio;

/**
 * Names of the Linux midlayer's {@code host_status} (DID_*) and {@code driver_status} (DRIVER_*)
 * codes, from sg3_utils {@code include/sg_io_linux.h} (the kernel's own header no longer exports them).
 */
public final class SgResultCodes {
    public static final int DID_OK = 0x00, DID_NO_CONNECT = 0x01, DID_BUS_BUSY = 0x02, DID_TIME_OUT = 0x03,
            DID_BAD_TARGET = 0x04, DID_ABORT = 0x05, DID_PARITY = 0x06, DID_ERROR = 0x07, DID_RESET = 0x08,
            DID_BAD_INTR = 0x09, DID_PASSTHROUGH = 0x0A, DID_SOFT_ERROR = 0x0B, DID_IMM_RETRY = 0x0C,
            DID_REQUEUE = 0x0D, DID_TRANSPORT_DISRUPTED = 0x0E, DID_TRANSPORT_FAILFAST = 0x0F,
            DID_TARGET_FAILURE = 0x10, DID_NEXUS_FAILURE = 0x11;

    /** {@code driver_status & 0x0F}; the upper nibble holds the obsolete SUGGEST_* bits. */
    public static final int DRIVER_OK = 0, DRIVER_BUSY = 1, DRIVER_SOFT = 2, DRIVER_MEDIA = 3, DRIVER_ERROR = 4,
            DRIVER_INVALID = 5, DRIVER_TIMEOUT = 6, DRIVER_HARD = 7, DRIVER_SENSE = 8;

    public static final int DRIVER_MASK = 0x0F;

    private static final String[] HOST = {"DID_OK", "DID_NO_CONNECT", "DID_BUS_BUSY", "DID_TIME_OUT", "DID_BAD_TARGET",
        "DID_ABORT", "DID_PARITY", "DID_ERROR", "DID_RESET", "DID_BAD_INTR", "DID_PASSTHROUGH", "DID_SOFT_ERROR",
        "DID_IMM_RETRY", "DID_REQUEUE", "DID_TRANSPORT_DISRUPTED", "DID_TRANSPORT_FAILFAST", "DID_TARGET_FAILURE",
        "DID_NEXUS_FAILURE"};

    private static final String[] DRIVER = {"DRIVER_OK", "DRIVER_BUSY", "DRIVER_SOFT", "DRIVER_MEDIA", "DRIVER_ERROR",
        "DRIVER_INVALID", "DRIVER_TIMEOUT", "DRIVER_HARD", "DRIVER_SENSE"};

    private SgResultCodes() {}

    /** e.g. "DID_TIME_OUT (0x03)". */
    public static String hostStatusName(int hostStatus) {
        String name = hostStatus >= 0 && hostStatus < HOST.length ? HOST[hostStatus] : "DID_UNKNOWN";
        return name + " (0x" + hex2(hostStatus) + ")";
    }

    /** e.g. "DRIVER_TIMEOUT (0x06)", from the low nibble. */
    public static String driverStatusName(int driverStatus) {
        int code = driverStatus & DRIVER_MASK;
        String name = code < DRIVER.length ? DRIVER[code] : "DRIVER_UNKNOWN";
        return name + " (0x" + hex2(driverStatus) + ")";
    }

    private static String hex2(int v) {
        String h = Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        return h.length() < 2 ? "0" + h : h;
    }
}
