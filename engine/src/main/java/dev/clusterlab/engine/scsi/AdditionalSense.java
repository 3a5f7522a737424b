package dev.clusterlab.engine.scsi;

/**
 * An ASC/ASCQ pair. The constants are the ones this engine produces; {@link AscNames} names any pair.
 */
public record AdditionalSense(int asc, int ascq) {
    public AdditionalSense {
        if ((asc & ~0xFF) != 0 || (ascq & ~0xFF) != 0) throw new IllegalArgumentException("ASC/ASCQ out of range");
    }

    public static final AdditionalSense NO_ADDITIONAL_SENSE = new AdditionalSense(0x00, 0x00);
    public static final AdditionalSense LU_NOT_READY_CAUSE_NOT_REPORTABLE = new AdditionalSense(0x04, 0x00);
    public static final AdditionalSense LU_NOT_READY_INITIALIZING_REQUIRED = new AdditionalSense(0x04, 0x02);
    public static final AdditionalSense LU_COMMUNICATION_FAILURE = new AdditionalSense(0x08, 0x00);
    public static final AdditionalSense WRITE_ERROR = new AdditionalSense(0x0C, 0x00);
    public static final AdditionalSense UNRECOVERED_READ_ERROR = new AdditionalSense(0x11, 0x00);
    public static final AdditionalSense MISCOMPARE_DURING_VERIFY = new AdditionalSense(0x1D, 0x00);
    public static final AdditionalSense PARAMETER_LIST_LENGTH_ERROR = new AdditionalSense(0x1A, 0x00);
    public static final AdditionalSense INVALID_COMMAND_OPERATION_CODE = new AdditionalSense(0x20, 0x00);
    public static final AdditionalSense LBA_OUT_OF_RANGE = new AdditionalSense(0x21, 0x00);
    public static final AdditionalSense INVALID_FIELD_IN_CDB = new AdditionalSense(0x24, 0x00);
    public static final AdditionalSense LOGICAL_UNIT_NOT_SUPPORTED = new AdditionalSense(0x25, 0x00);
    public static final AdditionalSense INVALID_FIELD_IN_PARAMETER_LIST = new AdditionalSense(0x26, 0x00);
    public static final AdditionalSense PARAMETER_VALUE_INVALID = new AdditionalSense(0x26, 0x02);
    public static final AdditionalSense INVALID_RELEASE_OF_PERSISTENT_RESERVATION = new AdditionalSense(0x26, 0x04);
    public static final AdditionalSense WRITE_PROTECTED = new AdditionalSense(0x27, 0x00);
    public static final AdditionalSense NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED = new AdditionalSense(0x28, 0x00);
    public static final AdditionalSense POWER_ON_RESET_OR_BUS_DEVICE_RESET = new AdditionalSense(0x29, 0x00);
    public static final AdditionalSense POWER_ON_OCCURRED = new AdditionalSense(0x29, 0x01);
    public static final AdditionalSense SCSI_BUS_RESET_OCCURRED = new AdditionalSense(0x29, 0x02);
    public static final AdditionalSense BUS_DEVICE_RESET_FUNCTION_OCCURRED = new AdditionalSense(0x29, 0x03);
    public static final AdditionalSense I_T_NEXUS_LOSS_OCCURRED = new AdditionalSense(0x29, 0x07);
    public static final AdditionalSense MODE_PARAMETERS_CHANGED = new AdditionalSense(0x2A, 0x01);
    public static final AdditionalSense RESERVATIONS_PREEMPTED = new AdditionalSense(0x2A, 0x03);
    public static final AdditionalSense RESERVATIONS_RELEASED = new AdditionalSense(0x2A, 0x04);
    public static final AdditionalSense REGISTRATIONS_PREEMPTED = new AdditionalSense(0x2A, 0x05);
    public static final AdditionalSense COMMANDS_CLEARED_BY_ANOTHER_INITIATOR = new AdditionalSense(0x2F, 0x00);
    public static final AdditionalSense SAVING_PARAMETERS_NOT_SUPPORTED = new AdditionalSense(0x39, 0x00);
    public static final AdditionalSense MEDIUM_NOT_PRESENT = new AdditionalSense(0x3A, 0x00);
    public static final AdditionalSense REPORTED_LUNS_DATA_HAS_CHANGED = new AdditionalSense(0x3F, 0x0E);
    public static final AdditionalSense PERSISTENT_RESERVATION_INFORMATION_LOST = new AdditionalSense(0x44, 0x01);
    public static final AdditionalSense MEDIUM_REMOVAL_PREVENTED = new AdditionalSense(0x53, 0x02);
    public static final AdditionalSense INSUFFICIENT_REGISTRATION_RESOURCES = new AdditionalSense(0x55, 0x04);

    @Override
    public String toString() { return String.format("%02Xh/%02Xh %s", asc, ascq, AscNames.describe(asc, ascq)); }
}
