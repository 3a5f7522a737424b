package dev.clusterlab.engine.scsi.decode;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.SenseKey;

/** Names for the coded values of CDB, parameter-data and sense fields. Unknown values get neutral names. */
final class FieldNames {
    private FieldNames() {}

    static String prOutAction(int code) {
        PrOutAction a = PrOutAction.fromCode(code);
        return a != null ? a.label() : "Reserved";
    }

    static String prInAction(int code) {
        PrInAction a = PrInAction.fromCode(code);
        return a != null ? a.label() : "Reserved";
    }

    /** SPC-4 Table 206. */
    static String prType(int code) {
        PrType t = PrType.fromCode(code);
        if (t != null) return t.label();
        return code == 0 || code == 2 || code == 4 ? "Obsolete" : "Reserved";
    }

    /** SPC-4 §6.16.1: only LU_SCOPE remains. */
    static String prScope(int code) {
        return switch (code) {
            case 0 -> "LU_SCOPE";
            case 1, 2 -> "Obsolete";
            default -> "Reserved";
        };
    }

    /** REPORT CAPABILITIES ALLOW COMMANDS (SPC-4 Table 205). */
    static String allowCommands(int code) {
        return switch (code) {
            case 0 -> "No information about commands allowed";
            case 1 -> "TEST UNIT READY allowed under WE and EA";
            case 2 -> "As 001b; MODE SENSE-class commands conflict under WE";
            case 3 -> "As 001b; MODE SENSE-class commands allowed under WE";
            case 4 -> "As 011b, plus RECEIVE COPY RESULTS";
            case 5 -> "SPC-5 value 101b";
            default -> "Reserved";
        };
    }

    /** SPC-4 Table 362. */
    static String protocolId(int code) {
        return switch (code) {
            case 0x0 -> "Fibre Channel";
            case 0x1 -> "Parallel SCSI (obsolete)";
            case 0x2 -> "SSA";
            case 0x3 -> "IEEE 1394";
            case 0x4 -> "SCSI RDMA";
            case 0x5 -> "iSCSI";
            case 0x6 -> "SAS";
            case 0x7 -> "ADT";
            case 0x8 -> "ATA/ATAPI";
            case 0x9 -> "UAS";
            case 0xA -> "SOP";
            case 0xB -> "PCIe";
            case 0xF -> "No specific protocol";
            default -> "Reserved";
        };
    }

    /** SPC-4 §4.5.1, Table 26. */
    static String senseResponseCode(int code) {
        return switch (code) {
            case 0x70 -> "Current error, fixed format";
            case 0x71 -> "Deferred error, fixed format";
            case 0x72 -> "Current error, descriptor format";
            case 0x73 -> "Deferred error, descriptor format";
            case 0x7F -> "Vendor specific";
            default -> "Not sense data";
        };
    }

    static String senseKey(int code) { return SenseKey.fromCode(code).label(); }

    /** SPC-4 Table 29. */
    static String senseDescriptorType(int code) {
        return switch (code) {
            case 0x00 -> "Information";
            case 0x01 -> "Command-specific information";
            case 0x02 -> "Sense key specific";
            case 0x03 -> "Field replaceable unit";
            case 0x04 -> "Stream commands";
            case 0x05 -> "Block commands";
            case 0x06 -> "OSD object identification";
            case 0x07 -> "OSD response integrity check value";
            case 0x08 -> "OSD attribute identification";
            case 0x09 -> "ATA status return";
            case 0x0A -> "Another progress indication";
            case 0x0B -> "User data segment referral";
            case 0x0C -> "Forwarded sense data";
            case 0x0D -> "Direct-access block device";
            case 0x0E -> "Device designation";
            case 0x0F -> "Microcode activation";
            default -> code >= 0x80 ? "Vendor specific" : "Reserved";
        };
    }

    /** INQUIRY VPD page codes (SPC-4 Table 594, SBC-3 §6.5). */
    static String vpdPage(int code) {
        return switch (code) {
            case 0x00 -> "Supported VPD pages";
            case 0x80 -> "Unit serial number";
            case 0x83 -> "Device identification";
            case 0x84 -> "Software interface identification";
            case 0x85 -> "Management network addresses";
            case 0x86 -> "Extended INQUIRY data";
            case 0x87 -> "Mode page policy";
            case 0x88 -> "SCSI ports";
            case 0x89 -> "ATA information";
            case 0x8A -> "Power condition";
            case 0x8F -> "Third-party copy";
            case 0xB0 -> "Block limits";
            case 0xB1 -> "Block device characteristics";
            case 0xB2 -> "Logical block provisioning";
            case 0xB3 -> "Referrals";
            default -> code >= 0xC0 ? "Vendor specific" : "Other VPD page";
        };
    }

    /** Mode page codes for direct-access devices (SBC-3 Table 157, SPC-4 Table 452). */
    static String modePage(int code) {
        return switch (code) {
            case 0x00 -> "Vendor specific (page 0)";
            case 0x01 -> "Read-write error recovery";
            case 0x02 -> "Disconnect-reconnect";
            case 0x07 -> "Verify error recovery";
            case 0x08 -> "Caching";
            case 0x09 -> "Obsolete";
            case 0x0A -> "Control";
            case 0x18 -> "Protocol specific logical unit";
            case 0x19 -> "Protocol specific port";
            case 0x1A -> "Power condition";
            case 0x1C -> "Informational exceptions control";
            case 0x3F -> "All pages";
            default -> code >= 0x20 && code <= 0x3E ? "Vendor specific" : "Other mode page";
        };
    }

    /** Mode and log page control (SPC-4 Table 169). */
    static String pageControl(int code) {
        return switch (code) {
            case 0 -> "Current values";
            case 1 -> "Changeable values";
            case 2 -> "Default values";
            default -> "Saved values";
        };
    }

    /** Log page codes (SPC-4 Table 344). */
    static String logPage(int code) {
        return switch (code) {
            case 0x00 -> "Supported log pages";
            case 0x02 -> "Write error counter";
            case 0x03 -> "Read error counter";
            case 0x05 -> "Verify error counter";
            case 0x06 -> "Non-medium error";
            case 0x0D -> "Temperature";
            case 0x0E -> "Start-stop cycle counter";
            case 0x0F -> "Application client";
            case 0x10 -> "Self-test results";
            case 0x15 -> "Background scan results";
            case 0x18 -> "Protocol specific port";
            case 0x19 -> "General statistics and performance";
            case 0x2F -> "Informational exceptions";
            default -> code >= 0x30 ? "Vendor specific" : "Other log page";
        };
    }

    /** REPORT LUNS SELECT REPORT (SPC-4 Table 284). */
    static String selectReport(int code) {
        return switch (code) {
            case 0x00 -> "Logical units (excluding well-known)";
            case 0x01 -> "Well-known logical units only";
            case 0x02 -> "All logical units";
            case 0x10 -> "Administrative logical units";
            case 0x11 -> "Administrative and subsidiary logical units";
            case 0x12 -> "Subsidiary logical units";
            default -> "Reserved";
        };
    }

    /** REPORT SUPPORTED OPERATION CODES REPORTING OPTIONS (SPC-4 Table 290). */
    static String reportingOptions(int code) {
        return switch (code) {
            case 0 -> "All commands";
            case 1 -> "One command, no service action";
            case 2 -> "One command with service action";
            case 3 -> "One command, service action if any";
            default -> "Reserved";
        };
    }

    /** START STOP UNIT POWER CONDITION (SBC-3 Table 112). */
    static String powerCondition(int code) {
        return switch (code) {
            case 0x0 -> "Start valid";
            case 0x1 -> "Active";
            case 0x2 -> "Idle";
            case 0x3 -> "Standby";
            case 0x7 -> "LU control";
            case 0xA -> "Force idle 0";
            case 0xB -> "Force standby 0";
            default -> "Reserved";
        };
    }

    /** WRITE BUFFER / READ BUFFER MODE (SPC-4 Tables 231, 175). */
    static String bufferMode(int code) {
        return switch (code) {
            case 0x00 -> "Combined header and data";
            case 0x01 -> "Vendor specific";
            case 0x02 -> "Data";
            case 0x03 -> "Descriptor";
            case 0x04 -> "Download microcode and activate";
            case 0x05 -> "Download microcode, save, and activate";
            case 0x06 -> "Download microcode with offsets and activate";
            case 0x07 -> "Download microcode with offsets, save, and activate";
            case 0x0A -> "Echo buffer";
            case 0x0B -> "Echo buffer descriptor";
            case 0x0D -> "Download microcode with offsets, select activation events, save, and defer activate";
            case 0x0E -> "Download microcode with offsets, save, and defer activate";
            case 0x0F -> "Activate deferred microcode";
            case 0x1A -> "Enable expander communications protocol and echo buffer";
            case 0x1C -> "Download application client error history / error history";
            default -> "Reserved";
        };
    }

    /** PREVENT ALLOW MEDIUM REMOVAL PREVENT field (SPC-4 Table 198). */
    static String prevent(int code) {
        return switch (code) {
            case 0 -> "Medium removal allowed";
            case 1 -> "Medium removal prevented";
            default -> "Obsolete";
        };
    }

    /** Protection field names for RDPROTECT/WRPROTECT/VRPROTECT/ORPROTECT (SBC-3 §5). */
    static String protect(int code) { return code == 0 ? "No protection information checking" : "Protection information checked"; }

    static String yesNo(int v) { return v != 0 ? "Yes" : "No"; }
}
