package dev.clusterlab.engine.scsi;

/**
 * A target port through which a logical unit is reached.
 *
 * @param relativeId the RELATIVE TARGET PORT IDENTIFIER (1..65535) reported in VPD 0x83 and READ FULL STATUS
 * @param name the port's name, e.g. {@code iqn.2026-11.dev.clusterlab:disk1,t,0x0001}
 * @param portGroupId the target port group it belongs to (VPD 0x83 designator type 5h)
 */
public record TargetPort(int relativeId, String name, int portGroupId) {
    public TargetPort {
        if (relativeId < 1 || relativeId > 0xFFFF) throw new IllegalArgumentException("relative target port id is 1..65535");
    }

    @Override
    public String toString() { return name + " (rtpi " + relativeId + ")"; }
}
