package dev.clusterlab.engine.timeline;

import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseData;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-disk reservation view: the reservation state of every logical unit (the {@code after}
 * snapshot of its latest {@link TimelineEvent.ReservationChanged}) and the outcome of the last command
 * completed on each I_T nexus. Both kinds of value are immutable, so copying the state is shallow.
 */
public final class DiskReservationView implements Projection<DiskReservationView.State> {

    public static final DiskReservationView INSTANCE = new DiskReservationView();

    /**
     * How the last command on one I_T nexus ended.
     *
     * @param sense null unless the status is CHECK CONDITION
     */
    public record CommandOutcome(long time, String lu, long commandId, ScsiStatus status, SenseData sense) {}

    /** The view's state at one cursor position. */
    public static final class State {
        private final HashMap<String, ReservationSnapshot> reservations;
        private final HashMap<ItNexus, CommandOutcome> lastOutcomes;

        State() { this(new HashMap<>(), new HashMap<>()); }

        private State(HashMap<String, ReservationSnapshot> reservations, HashMap<ItNexus, CommandOutcome> lastOutcomes) {
            this.reservations = reservations;
            this.lastOutcomes = lastOutcomes;
        }

        /** The reservation state of {@code lu}; {@link ReservationSnapshot#EMPTY} before any change. */
        public ReservationSnapshot reservation(String lu) { return reservations.getOrDefault(lu, ReservationSnapshot.EMPTY); }

        /** Every logical unit whose reservation state has changed so far, with its current state. */
        public Map<String, ReservationSnapshot> reservations() { return Collections.unmodifiableMap(reservations); }

        /** The last completed command on {@code nexus}, or null. */
        public CommandOutcome lastOutcome(ItNexus nexus) { return lastOutcomes.get(nexus); }

        public Map<ItNexus, CommandOutcome> lastOutcomes() { return Collections.unmodifiableMap(lastOutcomes); }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && reservations.equals(s.reservations) && lastOutcomes.equals(s.lastOutcomes);
        }

        @Override
        public int hashCode() { return reservations.hashCode() * 31 + lastOutcomes.hashCode(); }

        @Override
        public String toString() { return "State" + reservations + lastOutcomes; }
    }

    private DiskReservationView() {}

    @Override
    public State initial() { return new State(); }

    @Override
    public State copy(State state) { return new State(new HashMap<>(state.reservations), new HashMap<>(state.lastOutcomes)); }

    @Override
    public void apply(State state, TimelineEvent event) {
        switch (event) {
            case TimelineEvent.ReservationChanged e -> state.reservations.put(e.lu(), e.after());
            case TimelineEvent.CommandCompleted e -> {
                if (e.nexus() != null) {
                    state.lastOutcomes.put(e.nexus(), new CommandOutcome(e.time(), e.lu(), e.commandId(), e.status(), e.sense()));
                }
            }
            default -> { } // other events do not change who is registered or holds a reservation
        }
    }
}
