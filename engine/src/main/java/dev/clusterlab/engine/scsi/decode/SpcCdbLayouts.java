package dev.clusterlab.engine.scsi.decode;

import static dev.clusterlab.engine.scsi.Opcode.*;

import dev.clusterlab.engine.scsi.OpcodeNames;

/** Field layouts of the SPC-4 primary commands' CDBs (SPC-4 §6; byte and bit positions per its tables). */
final class SpcCdbLayouts {
    private SpcCdbLayouts() {}

    private static final String ALLOCATION = "Allocation length";
    private static final String PARAMETER_LIST = "Parameter list length";

    static boolean decode(int op, FieldList f) {
        switch (op) {
            case TEST_UNIT_READY -> { }
            case REQUEST_SENSE -> { f.flag("DESC", 1, 0); f.uint(ALLOCATION, 4, 1); }
            case INQUIRY -> inquiry(f);
            case MODE_SELECT_6 -> { modeSelectFlags(f); f.uint(PARAMETER_LIST, 4, 1); }
            case MODE_SELECT_10 -> { modeSelectFlags(f); f.uint(PARAMETER_LIST, 7, 2); }
            case MODE_SENSE_6 -> { f.flag("DBD", 1, 3); pageFields(f, FieldNames::modePage); f.uint(ALLOCATION, 4, 1); }
            case MODE_SENSE_10 -> { f.flag("LLBAA", 1, 4); f.flag("DBD", 1, 3); pageFields(f, FieldNames::modePage); f.uint(ALLOCATION, 7, 2); }
            case LOG_SELECT -> { f.flag("PCR", 1, 1); f.flag("SP", 1, 0); pageFields(f, FieldNames::logPage); f.uint(PARAMETER_LIST, 7, 2); }
            case LOG_SENSE -> {
                f.obsoleteBits(1, 1, 1);
                f.flag("SP", 1, 0);
                pageFields(f, FieldNames::logPage);
                f.uint("Parameter pointer", 5, 2);
                f.uint(ALLOCATION, 7, 2);
            }
            case RESERVE_6, RELEASE_6 -> f.obsolete(1, 4); // SPC-2 §7.21: third-party and extent fields, obsolete
            case RESERVE_10, RELEASE_10 -> {
                f.flag("3RDPTY", 1, 4);
                f.flag("LONGID", 1, 1);
                f.obsolete(2, 1);
                f.uint("Third-party device ID", 3, 1);
                f.uint(PARAMETER_LIST, 7, 2);
            }
            case RECEIVE_DIAGNOSTIC_RESULTS -> { f.flag("PCV", 1, 0); f.uint("Page code", 2, 1); f.uint(ALLOCATION, 3, 2); }
            case SEND_DIAGNOSTIC -> {
                f.bits("Self-test code", 1, 5, 3);
                f.flag("PF", 1, 4);
                f.flag("SELFTEST", 1, 2);
                f.flag("DEVOFFL", 1, 1);
                f.flag("UNITOFFL", 1, 0);
                f.uint(PARAMETER_LIST, 3, 2);
            }
            case WRITE_BUFFER -> buffer(f, PARAMETER_LIST);
            case READ_BUFFER -> buffer(f, ALLOCATION);
            case PERSISTENT_RESERVE_IN -> {
                f.bitsCode("Service action", 1, 0, 5, FieldNames::prInAction);
                f.uint(ALLOCATION, 7, 2);
            }
            case PERSISTENT_RESERVE_OUT -> {
                f.bitsCode("Service action", 1, 0, 5, FieldNames::prOutAction);
                f.bitsCode("Scope", 2, 4, 4, FieldNames::prScope);
                f.bitsCode("Type", 2, 0, 4, FieldNames::prType);
                f.uint(PARAMETER_LIST, 5, 4);
            }
            case REPORT_LUNS -> { f.code("Select report", 2, 1, FieldNames::selectReport); f.uint(ALLOCATION, 6, 4); }
            case SECURITY_PROTOCOL_IN -> security(f, ALLOCATION);
            case SECURITY_PROTOCOL_OUT -> security(f, "Transfer length");
            case MAINTENANCE_IN -> maintenanceIn(f);
            case MAINTENANCE_OUT -> { serviceAction(f, op); f.uint(PARAMETER_LIST, 6, 4); }
            case READ_MEDIA_SERIAL_NUMBER -> { serviceAction(f, op); f.uint(ALLOCATION, 6, 4); }
            case EXTENDED_COPY -> {
                int sa = serviceAction(f, op);
                if (sa != 0) f.uint("List identifier", 6, 4);
                f.uint(PARAMETER_LIST, 10, 4);
                f.bits("Group number", 14, 0, 5);
            }
            case RECEIVE_COPY_RESULTS -> {
                int sa = serviceAction(f, op);
                if (sa >= 0x05) f.uint("List identifier", 2, 4); // LID4 service actions (SPC-4 §6.18)
                else f.uint("List identifier", 2, 1);
                f.uint(ALLOCATION, 10, 4);
            }
            default -> { return false; }
        }
        return true;
    }

    /** SPC-4 §6.6: with EVPD=0 the PAGE CODE must be zero, so it is only named for EVPD=1. */
    private static void inquiry(FieldList f) {
        f.flag("EVPD", 1, 0);
        f.obsoleteBits(1, 1, 1); // CMDDT
        boolean evpd = f.has(1, 1) && (f.buffer()[1] & 1) != 0;
        if (evpd) f.code("Page code", 2, 1, FieldNames::vpdPage);
        else f.uint("Page code", 2, 1);
        f.uint(ALLOCATION, 3, 2);
    }

    private static void modeSelectFlags(FieldList f) { f.flag("PF", 1, 4); f.flag("RTD", 1, 1); f.flag("SP", 1, 0); }

    /** Byte 2 PC (bits 7-6) and PAGE CODE (bits 5-0), byte 3 SUBPAGE CODE (mode and log pages alike). */
    private static void pageFields(FieldList f, java.util.function.IntFunction<String> pageNames) {
        f.bitsCode("Page control", 2, 6, 2, FieldNames::pageControl);
        f.bitsCode("Page code", 2, 0, 6, pageNames);
        f.uint("Subpage code", 3, 1);
    }

    private static void buffer(FieldList f, String lengthName) {
        f.bits("Mode specific", 1, 5, 3);
        f.bitsCode("Mode", 1, 0, 5, FieldNames::bufferMode);
        f.uint("Buffer ID", 2, 1);
        f.uint("Buffer offset", 3, 3);
        f.uint(lengthName, 6, 3);
    }

    private static void security(FieldList f, String lengthName) {
        f.uint("Security protocol", 1, 1);
        f.uint("Security protocol specific", 2, 2);
        f.flag("INC_512", 4, 7);
        f.uint(lengthName, 6, 4);
    }

    /** SPC-4 §6.23 (RTPG), §6.33 (RSOC), §6.34 (RSTMF); other MAINTENANCE IN actions share the allocation length at 6-9. */
    private static void maintenanceIn(FieldList f) {
        int sa = serviceAction(f, MAINTENANCE_IN);
        switch (sa) {
            case MI_REPORT_TARGET_PORT_GROUPS -> f.bits("Parameter data format", 1, 5, 3);
            case MI_REPORT_SUPPORTED_OPERATION_CODES -> {
                f.flag("RCTD", 2, 7);
                f.bitsCode("Reporting options", 2, 0, 3, FieldNames::reportingOptions);
                f.code("Requested operation code", 3, 1, CdbDecoder::opcodeName);
                f.uint("Requested service action", 4, 2);
            }
            case MI_REPORT_SUPPORTED_TASK_MANAGEMENT_FUNCTIONS -> f.flag("REPD", 2, 7);
            default -> { }
        }
        f.uint(ALLOCATION, 6, 4);
    }

    /** SERVICE ACTION in byte 1 bits 4-0; returns it, or -1 when the byte is missing. */
    private static int serviceAction(FieldList f, int op) {
        f.bitsCode("Service action", 1, 0, 5, v -> BlockCdbLayouts.nameOr(OpcodeNames.serviceActionName(op, v)));
        return f.has(1, 1) ? f.buffer()[1] & 0x1F : -1;
    }
}
