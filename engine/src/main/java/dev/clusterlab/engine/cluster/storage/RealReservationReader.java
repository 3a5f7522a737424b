package dev.clusterlab.engine.cluster.storage;

import dev.clusterlab.engine.device.ScsiDevice;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.scsi.TargetPort;
import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a real LU's persistent reservation state with PERSISTENT RESERVE IN and turns it into the
 * lab's {@link ReservationSnapshot}, naming registrants by the lab's node paths.
 *
 * <p>READ FULL STATUS (SPC-4 §6.15.5) names every registrant's initiator port, so the snapshot is
 * exact. Devices without it (tgt) get READ KEYS + READ RESERVATION, and keys are matched to the
 * node paths that registered them — the lab knows which path sent which REGISTER.
 */
final class RealReservationReader {
    private static final int ALLOCATION = 8192; // what sg_persist allocates
    private static final int ATTEMPTS = 3;

    /** What the reader needs from the disk: how wire initiators map to lab nexuses, and who registered what. */
    interface Knowledge {
        /** The lab nexus of an initiator port as the device reports it, or null if the lab did not open it. */
        ItNexus labNexus(InitiatorPort wire);

        /** Lab nexuses with the key each one last registered, in registration order. */
        Map<ItNexus, Long> trackedKeys();

        /** The lab nexus that last reserved or preempted with GOOD, or null. */
        ItNexus lastReserver();

        ItNexus spc2Holder();
    }

    /** Thrown when the device gives no usable answer; the snapshot stays as it was. */
    static final class Unreadable extends Exception {
        Unreadable(String message) { super(message, null, false, false); }
    }

    private RealReservationReader() {}

    static ReservationSnapshot read(ScsiDevice device, Knowledge k) throws Unreadable {
        ScsiResponse full = prIn(device, PrInAction.READ_FULL_STATUS);
        if (full.status() == ScsiStatus.GOOD) return fromFullStatus(full.dataIn(), k);
        ScsiResponse keys = prIn(device, PrInAction.READ_KEYS);
        ScsiResponse reservation = prIn(device, PrInAction.READ_RESERVATION);
        if (keys.status() != ScsiStatus.GOOD || reservation.status() != ScsiStatus.GOOD)
            throw new Unreadable("PERSISTENT RESERVE IN answered " + keys.status().label() + " / " + reservation.status().label());
        return fromKeysAndReservation(keys.dataIn(), reservation.dataIn(), k);
    }

    /** PR IN, retried past unit attentions that belong to the reading nexus itself (its own power-on, reset). */
    private static ScsiResponse prIn(ScsiDevice device, PrInAction action) throws Unreadable {
        ScsiResponse r = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            r = device.execute(new ScsiRequest(Cdbs.persistentReserveIn(action, ALLOCATION), null, ALLOCATION));
            boolean attention = r.status() == ScsiStatus.CHECK_CONDITION && r.sense() != null && r.sense().key() == SenseKey.UNIT_ATTENTION;
            if (!attention) return r;
        }
        throw new Unreadable("PERSISTENT RESERVE IN kept answering UNIT ATTENTION");
    }

    static ReservationSnapshot fromFullStatus(byte[] d, Knowledge k) throws Unreadable {
        if (d.length < 8) throw new Unreadable("READ FULL STATUS returned " + d.length + " bytes");
        long generation = Bytes.u32(d, 0);
        int end = (int) Math.min(d.length, 8 + Bytes.u32(d, 4));
        List<ReservationSnapshot.Registrant> registrants = new ArrayList<>();
        int type = 0, scope = 0;
        int off = 8;
        while (off + 24 <= end) {
            long key = Bytes.u64(d, off);
            boolean allTgPt = Bytes.bit(d, off + 12, 1);
            boolean holder = Bytes.bit(d, off + 12, 0);
            int rtpi = Bytes.u16(d, off + 18);
            int tidLength = (int) Math.min(Bytes.u32(d, off + 20), end - off - 24);
            TransportId tid = TransportId.decode(d, off + 24, tidLength);
            ItNexus lab = tid == null ? null : k.labNexus(new InitiatorPort(tid));
            if (lab == null) lab = byKey(k, key, registrants);
            InitiatorPort initiator = lab != null ? lab.initiator() : tid != null ? new InitiatorPort(tid) : outsider(registrants.size());
            TargetPort port = allTgPt ? null : lab != null ? lab.target() : new TargetPort(Math.max(1, rtpi), "target port " + rtpi, 0);
            registrants.add(new ReservationSnapshot.Registrant(initiator, port, key, holder));
            if (holder) {
                type = Bytes.bits(d, off + 13, 0, 4);
                scope = Bytes.bits(d, off + 13, 4, 4);
            }
            off += 24 + Math.max(0, tidLength);
        }
        return new ReservationSnapshot(generation, registrants, type, scope, k.spc2Holder(), false);
    }

    static ReservationSnapshot fromKeysAndReservation(byte[] keys, byte[] reservation, Knowledge k) throws Unreadable {
        if (keys.length < 8 || reservation.length < 8) throw new Unreadable("PERSISTENT RESERVE IN returned a short header");
        long generation = Bytes.u32(keys, 0);
        int keysEnd = (int) Math.min(keys.length, 8 + Bytes.u32(keys, 4));
        boolean reserved = Bytes.u32(reservation, 4) >= 16 && reservation.length >= 24;
        long holderKey = reserved ? Bytes.u64(reservation, 8) : 0;
        int type = reserved ? Bytes.bits(reservation, 21, 0, 4) : 0;
        int scope = reserved ? Bytes.bits(reservation, 21, 4, 4) : 0;
        PrType prType = PrType.fromCode(type);
        boolean everyRegistrantHolds = prType != null && prType.allRegistrants();
        List<ReservationSnapshot.Registrant> registrants = new ArrayList<>();
        ItNexus reserver = k.lastReserver();
        boolean reserverKnown = reserver != null && Long.valueOf(holderKey).equals(k.trackedKeys().get(reserver));
        boolean holderNamed = false;
        for (int off = 8; off + 8 <= keysEnd; off += 8) {
            long key = Bytes.u64(keys, off);
            ItNexus lab = byKey(k, key, registrants);
            boolean holder = reserved && key == holderKey
                    && (everyRegistrantHolds || (reserverKnown ? reserver.equals(lab) : !holderNamed));
            holderNamed |= holder;
            InitiatorPort initiator = lab != null ? lab.initiator() : outsider(registrants.size());
            registrants.add(new ReservationSnapshot.Registrant(initiator, lab != null ? lab.target() : null, key, holder));
        }
        if (reserved && !everyRegistrantHolds && !holderNamed) {
            // The reserver registered the key on several paths; the first registrant with the key stands for it.
            for (int i = 0; i < registrants.size(); i++) {
                ReservationSnapshot.Registrant r = registrants.get(i);
                if (r.key() == holderKey) {
                    registrants.set(i, new ReservationSnapshot.Registrant(r.initiator(), r.targetPort(), r.key(), true));
                    break;
                }
            }
        }
        return new ReservationSnapshot(generation, registrants, type, scope, k.spc2Holder(), false);
    }

    /** The first lab nexus that registered {@code key} and is not yet listed. */
    private static ItNexus byKey(Knowledge k, long key, List<ReservationSnapshot.Registrant> listed) {
        for (Map.Entry<ItNexus, Long> e : k.trackedKeys().entrySet()) {
            if (e.getValue() != key) continue;
            boolean already = false;
            for (ReservationSnapshot.Registrant r : listed) if (r.initiator().equals(e.getKey().initiator())) already = true;
            if (!already) return e.getKey();
        }
        return null;
    }

    /** A registrant the lab did not make (another host, an earlier session): named so the views can show it. */
    private static InitiatorPort outsider(int index) { return InitiatorPort.iscsi("iqn.unknown:outside-the-lab", index + 1); }
}
