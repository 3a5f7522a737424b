package dev.clusterlab.engine.iscsi.initiator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A command could not be completed by the transport: no SCSI status exists for it. ScsiDevice's
 * execute cannot throw checked exceptions, so this unchecked wrapper carries an IOException saying
 * what happened; {@link #reason()} lets a caller (multipath) decide to retry on another path.
 */
public final class IscsiTransportException extends UncheckedIOException {
    /** Why no status arrived. */
    public enum Reason {
        /** The TCP connection dropped (or was closed for a protocol error) with the command in flight. */
        CONNECTION_LOST,
        /** No answer within the command timeout; the task was aborted at the target. */
        TIMEOUT,
        /** The session is logged out or closed, or logging in again failed. */
        NOT_CONNECTED,
        /** The target rejected the command PDU (RFC 7143 §11.17) or answered with a non-zero iSCSI response. */
        REJECTED,
        /** The target broke the protocol for this task (Data-In beyond the buffer, R2T beyond the data, ...). */
        PROTOCOL_ERROR
    }

    private final Reason reason;

    public IscsiTransportException(Reason reason, String message) {
        this(reason, message, null);
    }

    public IscsiTransportException(Reason reason, String message, Throwable cause) {
        super(message, cause == null ? new IOException(message) : new IOException(message, cause));
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
