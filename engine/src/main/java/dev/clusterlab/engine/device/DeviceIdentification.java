package dev.clusterlab.engine.device;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import java.io.IOException;
import java.util.Arrays;

/** Reads a device's identity with INQUIRY, EVPD=1, page 83h (SPC-4 §6.6, §7.8.6). */
public final class DeviceIdentification {
    private static final int FIRST_ALLOCATION = 252;

    private DeviceIdentification() {}

    /**
     * Asks the device who it is. INQUIRY never reports a unit attention (SAM-5 §5.14), so this is safe
     * to send at any time without hiding one from the cluster.
     *
     * @throws IOException when the device does not answer GOOD or the page names no LU designator
     */
    public static DeviceIdentity read(ScsiDevice device) throws IOException {
        byte[] page = inquiry(device, FIRST_ALLOCATION);
        int full = 4 + Bytes.u16(page, 2);
        if (full > page.length && page.length == FIRST_ALLOCATION) page = inquiry(device, Math.min(full, 0xFFFF));
        try {
            return DeviceIdentity.parseVpd83(page);
        } catch (IllegalArgumentException e) {
            throw new IOException(device.describe() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] inquiry(ScsiDevice device, int allocation) throws IOException {
        ScsiResponse r = device.execute(new ScsiRequest(Cdbs.inquiry(true, 0x83, allocation), null, allocation));
        if (r.status() != ScsiStatus.GOOD) {
            throw new IOException(device.describe() + ": INQUIRY VPD 83h (device identification) answered " + r.status()
                    + (r.sense() != null ? " " + r.sense() : ""));
        }
        byte[] data = r.dataIn();
        if (data == null || data.length < 4) throw new IOException(device.describe() + ": INQUIRY VPD 83h returned no page");
        return Arrays.copyOf(data, data.length);
    }
}
