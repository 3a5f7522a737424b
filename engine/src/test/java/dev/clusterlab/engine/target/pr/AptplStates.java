package dev.clusterlab.engine.target.pr;

import dev.clusterlab.engine.scsi.TransportId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of APTPL states: FC, SAS and iSCSI (port and device) registrants, any keys. */
final class AptplStates {
    private AptplStates() {}

    static Arbitrary<TransportId> transportIds() {
        Arbitrary<TransportId> fc = Arbitraries.longs().map(TransportId.FibreChannel::new);
        Arbitrary<TransportId> sas = Arbitraries.longs().map(TransportId.Sas::new);
        Arbitrary<String> iqnSuffix = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-:")
                .ofMinLength(1).ofMaxLength(80);
        Arbitrary<TransportId> iscsi = Combinators.combine(iqnSuffix, Arbitraries.longs().between(-1, 0xFFFF_FFFF_FFFFL))
                .as((suffix, isid) -> new TransportId.Iscsi("iqn.2026-11.dev.clusterlab:" + suffix, isid));
        return Arbitraries.oneOf(fc, sas, iscsi);
    }

    static Arbitrary<PersistedReservations.Registration> registrations() {
        return Combinators.combine(transportIds(), Arbitraries.integers().between(0, 0xFFFF), Arbitraries.longs())
                .as(PersistedReservations.Registration::new);
    }

    static Arbitrary<PersistedReservations.Reservation> reservations() {
        return Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 15),
                        transportIds().injectNull(0.3), Arbitraries.integers().between(0, 0xFFFF))
                .as(PersistedReservations.Reservation::new);
    }

    static Arbitrary<PersistedReservations> states() {
        return Combinators.combine(registrations().list().ofMaxSize(12), reservations().injectNull(0.3))
                .as(PersistedReservations::new);
    }

    /** A small fixed state, for exhaustive enumeration. */
    static PersistedReservations small(long key) {
        TransportId a = new TransportId.FibreChannel(0x2100_0024_ff00_0001L);
        return new PersistedReservations(List.of(new PersistedReservations.Registration(a, 1, key)),
                new PersistedReservations.Reservation(5, 0, a, 1));
    }
}
