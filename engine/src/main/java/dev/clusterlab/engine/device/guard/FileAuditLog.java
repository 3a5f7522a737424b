package dev.clusterlab.engine.device.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The audit log as a file of JSON lines, one {@link AuditRecord} per line, appended and forced to
 * disk before the command is sent (an audit that a power cut can lose is no audit).
 *
 * <p>Default location: {@code $CLUSTERLAB_AUDIT_LOG}, else {@code $XDG_STATE_HOME/clusterlab/audit.log},
 * else {@code ~/.local/state/clusterlab/audit.log}.
 */
public final class FileAuditLog implements AuditLog {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public FileAuditLog(Path file) { this.file = file; }

    public static FileAuditLog atDefaultLocation() { return new FileAuditLog(defaultPath()); }

    public static Path defaultPath() {
        String explicit = System.getenv("CLUSTERLAB_AUDIT_LOG");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("clusterlab").resolve("audit.log");
    }

    public Path file() { return file; }

    @Override
    public synchronized void append(AuditRecord record) throws IOException {
        ObjectNode o = json.createObjectNode();
        o.put("time", record.time().toString());
        o.put("phase", record.phase());
        o.put("device", record.device());
        o.put("identity", record.identity());
        o.put("initiator", record.initiator());
        o.put("command", record.command());
        o.put("cdb", record.cdb());
        o.put("parameters", record.parameters());
        o.put("outcome", record.outcome());
        byte[] line = (json.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        }
    }
}
