package dev.clusterlab.app.export;

import dev.clusterlab.engine.capture.PcapngExport;
import dev.clusterlab.views.session.LabSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The session as a pcapng capture through the engine's {@link PcapngExport}, or why there is none. */
final class CaptureFile {
    /** The capture's bytes, or null with {@code why[0]} saying why not. */
    static byte[] of(LabSession session, String[] why) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PcapngExport.write(session.timeline().all(), session::describe, out);
            return out.toByteArray();
        } catch (UnsupportedOperationException e) {
            why[0] = "pcapng export is not available in this build yet (" + e.getMessage() + ")";
        } catch (IOException | RuntimeException e) {
            why[0] = "the pcapng export failed: " + e;
        }
        return null;
    }

    private CaptureFile() {}
}
