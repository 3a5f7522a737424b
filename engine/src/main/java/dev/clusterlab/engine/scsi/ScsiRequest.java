package dev.clusterlab.engine.scsi;

/**
 * One SCSI command as the initiator issues it.
 *
 * @param cdb the command descriptor block
 * @param dataOut the data-out buffer (parameter list or write data); empty for data-in or no-data commands
 * @param dataInCapacity how many data-in bytes the initiator can accept (its expected transfer length)
 */
public record ScsiRequest(byte[] cdb, byte[] dataOut, int dataInCapacity) {
    private static final byte[] NONE = new byte[0];

    public ScsiRequest {
        if (cdb == null) throw new IllegalArgumentException("cdb");
        if (dataOut == null) dataOut = NONE;
        if (dataInCapacity < 0) throw new IllegalArgumentException("dataInCapacity");
    }

    public static ScsiRequest noData(byte[] cdb) { return new ScsiRequest(cdb, NONE, 0); }

    public static ScsiRequest dataIn(byte[] cdb, int capacity) { return new ScsiRequest(cdb, NONE, capacity); }

    public static ScsiRequest dataOut(byte[] cdb, byte[] data) { return new ScsiRequest(cdb, data, 0); }

    public int opcode() { return cdb.length == 0 ? -1 : cdb[0] & 0xFF; }
}
