package dev.clusterlab.engine.scsi;

/**
 * Thrown by command handlers to end a command with CHECK CONDITION and the given sense.
 * Stackless: it is control flow on a hot path, not a bug report.
 */
public final class CheckCondition extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SenseData sense;

    public CheckCondition(SenseData sense) {
        super(sense.toString(), null, false, false);
        this.sense = sense;
    }

    public SenseData sense() { return sense; }

    public static CheckCondition invalidFieldInCdb(int byteOffset, int bit) {
        return new CheckCondition(SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_CDB, true, byteOffset, bit));
    }

    public static CheckCondition invalidFieldInParameterList(int byteOffset, int bit) {
        return new CheckCondition(SenseData.invalidField(AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, false, byteOffset, bit));
    }

    public static CheckCondition illegalRequest(AdditionalSense additional) {
        return new CheckCondition(SenseData.illegalRequest(additional));
    }
}
