package dev.clusterlab.engine.scsi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the ASC/ASCQ name list (a resource, so the 500-odd names stay data, not code) once, at class init. */
final class AscTable {
    private AscTable() {}

    interface Sink {
        void put(int asc, int ascq, String name);
    }

    static final String RESOURCE = "asc-names.txt";

    static void load(Sink sink) {
        try (InputStream in = AscTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                // "AA QQ name": two hex bytes, then the name to the end of the line
                sink.put(Integer.parseInt(line.substring(0, 2), 16), Integer.parseInt(line.substring(3, 5), 16),
                        line.substring(6).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
