package dev.clusterlab.sgio;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The command ran but no trustworthy SCSI status came back: the host adapter or the midlayer reported
 * a failure ({@code host_status} not DID_OK, {@code driver_status} DRIVER_TIMEOUT and friends). The
 * SG_IO counterpart of {@link dev.clusterlab.engine.iscsi.initiator.IscsiTransportException}: a
 * multipath caller may retry the command on another path.
 */
public final class SgTransportException extends UncheckedIOException {
    /** Which part of the result made it a transport failure. */
    public enum Reason {
        /** {@code host_status} was not DID_OK (the HBA, the link or the midlayer's error handling). */
        HOST_STATUS,
        /** {@code driver_status} DRIVER_TIMEOUT: the command timed out and the midlayer aborted it. */
        TIMEOUT,
        /** Another driver error with no SCSI status that explains it. */
        DRIVER_STATUS,
        /** CHECK CONDITION without any sense bytes: nothing says what the condition was. */
        SENSE_MISSING,
        /** A status byte SAM-5 does not define. */
        UNKNOWN_STATUS
    }

    private final Reason reason;
    private final int hostStatus;
    private final int driverStatus;

    public SgTransportException(Reason reason, int hostStatus, int driverStatus, String message) {
        super(message, new IOException(message));
        this.reason = reason;
        this.hostStatus = hostStatus;
        this.driverStatus = driverStatus;
    }

    public Reason reason() { return reason; }

    /** The raw {@code host_status} (see {@link SgResultCodes#hostStatusName}). */
    public int hostStatus() { return hostStatus; }

    /** The raw {@code driver_status} (see {@link SgResultCodes#driverStatusName}). */
    public int driverStatus() { return driverStatus; }
}
