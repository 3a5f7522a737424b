package dev.clusterlab.engine.iscsi.pdu;

/** 32-bit serial number arithmetic (RFC 1982, as RFC 7143 §4.2.2.1 requires for CmdSN and StatSN). */
public final class SerialNumbers {
    private SerialNumbers() {}

    public static boolean lessThan(int a, int b) { return a != b && a - b < 0; }

    /** {@code lo <= x <= hi} in serial order. */
    public static boolean inWindow(int x, int lo, int hi) {
        return x - lo >= 0 && hi - x >= 0;
    }
}
