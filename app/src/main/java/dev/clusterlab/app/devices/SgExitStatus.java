package dev.clusterlab.app.devices;

import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.SenseData;

/**
 * sg3_utils' exit statuses (the SG_LIB_CAT_* values of include/sg_lib.h) and their one-line names
 * (sg_exit_str_arr in lib/sg_lib_data.c), so scripts written around sg_persist read ours the same way.
 */
public final class SgExitStatus {
    public static final int OK = 0;
    public static final int SYNTAX_ERROR = 1;
    public static final int NOT_READY = 2;
    public static final int MEDIUM_HARD = 3;
    public static final int ILLEGAL_REQUEST = 5;
    public static final int UNIT_ATTENTION = 6;
    public static final int DATA_PROTECT = 7;
    public static final int INVALID_OP = 9;
    public static final int COPY_ABORTED = 10;
    public static final int ABORTED_COMMAND = 11;
    public static final int MISCOMPARE = 14;
    public static final int FILE_ERROR = 15;
    public static final int INVALID_PARAM = 19;
    public static final int NO_SENSE = 20;
    public static final int RECOVERED = 21;
    public static final int LBA_OUT_OF_RANGE = 22;
    public static final int RESERVATION_CONFLICT = 24;
    public static final int CONDITION_MET = 25;
    public static final int BUSY = 26;
    public static final int TASK_SET_FULL = 27;
    public static final int ACA_ACTIVE = 28;
    public static final int TASK_ABORTED = 29;
    public static final int CONTRADICT = 31;
    public static final int TRANSPORT_ERROR = 35;
    public static final int PROTECTION = 40;
    public static final int MALFORMED = 97;
    public static final int OTHER_SENSE = 98;
    public static final int OTHER = 99;

    private SgExitStatus() {}

    /**
     * The category of a completed command, as sg_cmds_process_resp() and sg_err_category_sense()
     * compute it: 0 for GOOD, the status's own value for RESERVATION CONFLICT and the other non-sense
     * statuses, else a value derived from the sense key and ASC/ASCQ. RECOVERED ERROR and NO SENSE
     * count as success, as sg_ll_persistent_reserve_in/out treat them.
     */
    public static int of(ScsiResponse r) {
        return switch (r.status()) {
            case GOOD -> OK;
            case RESERVATION_CONFLICT -> RESERVATION_CONFLICT;
            case CONDITION_MET -> CONDITION_MET;
            case BUSY -> BUSY;
            case TASK_SET_FULL -> TASK_SET_FULL;
            case ACA_ACTIVE -> ACA_ACTIVE;
            case TASK_ABORTED -> TASK_ABORTED;
            case CHECK_CONDITION -> {
                int c = ofSense(r.sense());
                yield c == RECOVERED || c == NO_SENSE ? OK : c;
            }
        };
    }

    /** sg_err_category_sense() (lib/sg_lib.c). */
    static int ofSense(SenseData s) {
        if (s == null) return OTHER_SENSE;
        int asc = s.asc(), ascq = s.ascq();
        return switch (s.key()) {
            case NO_SENSE -> NO_SENSE;
            case RECOVERED_ERROR -> RECOVERED;
            case NOT_READY -> asc == 0x04 && ascq == 0x0B ? 12 : asc == 0x04 && ascq == 0x0C ? 13 : NOT_READY;
            case MEDIUM_ERROR, HARDWARE_ERROR, BLANK_CHECK -> MEDIUM_HARD;
            case UNIT_ATTENTION -> UNIT_ATTENTION;
            case ILLEGAL_REQUEST -> asc == 0x20 && ascq == 0 ? INVALID_OP
                    : asc == 0x21 && ascq == 0 ? LBA_OUT_OF_RANGE
                    : asc == 0x26 && ascq == 0 ? INVALID_PARAM : ILLEGAL_REQUEST;
            case ABORTED_COMMAND -> asc == 0x10 ? PROTECTION : ABORTED_COMMAND;
            case MISCOMPARE -> MISCOMPARE;
            case DATA_PROTECT -> DATA_PROTECT;
            case COPY_ABORTED -> COPY_ABORTED;
            default -> OTHER_SENSE;
        };
    }

    /** sg_exit2str(status, false, ...): the short name, or null when sg3_utils has none. */
    public static String name(int status) {
        return switch (status) {
            case OK -> "No errors";
            case SYNTAX_ERROR -> "Syntax error";
            case NOT_READY -> "Device not ready";
            case MEDIUM_HARD -> "Medium or hardware error";
            case ILLEGAL_REQUEST -> "Illegal request";
            case UNIT_ATTENTION -> "Unit attention";
            case DATA_PROTECT -> "Data protect";
            case INVALID_OP -> "Illegal request, Invalid opcode";
            case COPY_ABORTED -> "Copy aborted";
            case ABORTED_COMMAND -> "Aborted command";
            case 12 -> "Device not ready, standby";
            case 13 -> "Device not ready, unavailable";
            case MISCOMPARE -> "Miscompare";
            case FILE_ERROR -> "File error";
            case INVALID_PARAM -> "Illegal request, Invalid field in parameter list";
            case NO_SENSE -> "No sense key";
            case RECOVERED -> "Recovered error (warning)";
            case LBA_OUT_OF_RANGE -> "LBA out of range";
            case RESERVATION_CONFLICT -> "Reservation conflict";
            case CONDITION_MET -> "Condition met";
            case BUSY -> "Busy";
            case TASK_SET_FULL -> "Task set full";
            case ACA_ACTIVE -> "ACA aactive"; // sic: sg3_utils' spelling
            case TASK_ABORTED -> "Task aborted";
            case CONTRADICT -> "CL options contradict";
            case TRANSPORT_ERROR -> "Transport error";
            case PROTECTION -> "Aborted command, protection error";
            case MALFORMED -> "Malformed SCSI command response";
            case OTHER_SENSE -> "Some other sense error";
            case OTHER -> "Some other error";
            default -> null;
        };
    }

    /** sg_get_category_sense_str(status, ..., verbose 0). */
    public static String categoryText(int status) {
        String n = name(status);
        return n != null ? n : "Sense category: " + status + ", try '-v' option for more information";
    }
}
