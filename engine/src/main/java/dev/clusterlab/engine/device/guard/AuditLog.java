package dev.clusterlab.engine.device.guard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Where the guard writes every state-changing command sent to, or refused for, a real device. */
public interface AuditLog {

    /**
     * Appends one record durably. A log that cannot be written makes the guard refuse the command:
     * nothing changes a real device unrecorded.
     */
    void append(AuditRecord record) throws IOException;

    /** Keeps records in memory (tests and previews); never fails. */
    final class InMemory implements AuditLog {
        private final List<AuditRecord> records = new ArrayList<>();

        @Override
        public synchronized void append(AuditRecord record) { records.add(record); }

        public synchronized List<AuditRecord> records() { return List.copyOf(records); }
    }
}
