package dev.clusterlab.engine.target.pr;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A stored APTPL state file exists but cannot be read back intact. The logical unit reports this
 * as lost persistent reservation information (SPC-4 §5.13.5, §6.16.3: a detected loss of the
 * non-volatile copy).
 */
public final class CorruptAptplStateException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which validation of the file failed, in the order they are applied. */
    public enum Check {
        /** Shorter than the fixed header. */
        HEADER_LENGTH("is shorter than its header"),
        /** The first eight bytes are not the ClusterLab APTPL magic. */
        MAGIC("does not start with the ClusterLab APTPL magic"),
        /** The format version is newer than this build reads. */
        NEWER_VERSION("was written by a newer ClusterLab"),
        /** The format version was never written by any ClusterLab. */
        VERSION("has an unknown format version"),
        /** The payload length in the header disagrees with the file's size. */
        PAYLOAD_LENGTH("has a payload length that does not match its size"),
        /** The CRC32C of the payload does not match the header. */
        CRC("failed its CRC32C check"),
        /** The checksummed payload does not parse (written by a defective writer). */
        PAYLOAD("has a malformed payload");

        private final String description;

        Check(String description) { this.description = description; }

        public String description() { return description; }
    }

    private final transient Path file;
    private final Check check;

    public CorruptAptplStateException(Path file, Check check, String detail) {
        super("APTPL state file " + file + " " + check.description() + " (" + detail + ")"
                + (check == Check.NEWER_VERSION
                        ? "" // not lost: a newer ClusterLab can still read it
                        : "; the persistent reservation information it held is lost"));
        this.file = file;
        this.check = check;
    }

    public Path file() { return file; }

    public Check check() { return check; }
}
