package dev.clusterlab.engine.scsi;

/**
 * The outcome of one command.
 *
 * @param status SAM status
 * @param dataIn data-in bytes actually transferred (never more than the request's capacity)
 * @param sense sense data for CHECK CONDITION, otherwise null
 * @param residual bytes of data-in capacity not transferred (underflow), as iSCSI and SG_IO report it
 */
public record ScsiResponse(ScsiStatus status, byte[] dataIn, SenseData sense, int residual) {
    private static final byte[] NONE = new byte[0];
    private static final ScsiResponse GOOD_NO_DATA = new ScsiResponse(ScsiStatus.GOOD, NONE, null, 0);
    private static final ScsiResponse CONFLICT = new ScsiResponse(ScsiStatus.RESERVATION_CONFLICT, NONE, null, 0);

    public ScsiResponse {
        if (status == null || dataIn == null) throw new IllegalArgumentException("status and dataIn are required");
        if ((status == ScsiStatus.CHECK_CONDITION) != (sense != null))
            throw new IllegalArgumentException("sense goes with CHECK CONDITION and only with it");
    }

    public static ScsiResponse good() { return GOOD_NO_DATA; }

    /** GOOD with data-in, truncated to what the initiator can accept. */
    public static ScsiResponse good(byte[] data, int capacity) {
        if (data.length <= capacity) return new ScsiResponse(ScsiStatus.GOOD, data, null, capacity - data.length);
        return new ScsiResponse(ScsiStatus.GOOD, java.util.Arrays.copyOf(data, capacity), null, 0);
    }

    public static ScsiResponse checkCondition(SenseData sense) {
        return new ScsiResponse(ScsiStatus.CHECK_CONDITION, NONE, sense, 0);
    }

    public static ScsiResponse reservationConflict() { return CONFLICT; }

    public boolean isGood() { return status == ScsiStatus.GOOD; }
}
