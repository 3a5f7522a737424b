package dev.clusterlab.engine.target.pr;

/**
 * Ends a PERSISTENT RESERVE OUT with RESERVATION CONFLICT status. Stackless and shared: it is
 * control flow inside the reservation handlers, never seen outside this package.
 */
final class ReservationConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final ReservationConflict INSTANCE = new ReservationConflict();

    private ReservationConflict() { super("reservation conflict", null, false, false); }
}
