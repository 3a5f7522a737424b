package dev.clusterlab.engine.device.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {

    @Test
    void recordsAreAppendedAsJsonLinesAndEarlierOnesSurvive(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/clusterlab/audit.log");
        new FileAuditLog(file).append(new AuditRecord(Instant.parse("2026-11-26T10:00:00Z"), "sending", "iscsi://a/iqn.x/0",
                "naa.60014051", "iqn.x:node-a,i,0x400000000001", "PERSISTENT RESERVE OUT / REGISTER", "5f00", "00", ""));
        new FileAuditLog(file).append(new AuditRecord(Instant.parse("2026-11-26T10:00:01Z"), "completed", "iscsi://a/iqn.x/0",
                "naa.60014051", "iqn.x:node-a,i,0x400000000001", "PERSISTENT RESERVE OUT / REGISTER", "5f00", "00", "GOOD"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("time").asText()).isEqualTo("2026-11-26T10:00:01Z");
        assertThat(second.get("phase").asText()).isEqualTo("completed");
        assertThat(second.get("outcome").asText()).isEqualTo("GOOD");
        assertThat(second.get("identity").asText()).isEqualTo("naa.60014051");
    }
}
