package dev.clusterlab.views.inspector;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseCodec;
import dev.clusterlab.engine.scsi.decode.DecodedField;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import dev.clusterlab.views.sequence.CommandKind;
import dev.clusterlab.views.sequence.SequenceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import dev.clusterlab.engine.scsi.InitiatorPort;
import dev.clusterlab.engine.scsi.PrType;
import dev.clusterlab.engine.timeline.ReservationSnapshot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the inspector shows for the selected sequence row, without controls: a title and the
 * decoded structures of a command, field by field (the engine's {@link ScsiDecoder} trees): the CDB,
 * the PR OUT parameter list, the PR IN response when it was GOOD, and the sense data of a CHECK
 * CONDITION. Byte offsets are relative to each structure's own buffer, as the standard numbers them.
 */
public final class InspectorViewModel {
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", NOTHING);
    private final ReadOnlyObjectWrapper<List<DecodedField>> sections = new ReadOnlyObjectWrapper<>(this, "sections", List.of());

    private final ReadOnlyStringWrapper diskTitle = new ReadOnlyStringWrapper(this, "diskTitle", "");
    private final ReadOnlyObjectWrapper<List<RegistrantRow>> registrants = new ReadOnlyObjectWrapper<>(this, "registrants", List.of());
    private final ReadOnlyObjectWrapper<List<DiskHistoryRow>> history = new ReadOnlyObjectWrapper<>(this, "history", List.of());

    static final String NOTHING = "Select a command in the sequence diagram to decode it.";

    /** What the registrant table is about: "data at 25.000 s: generation 5, reserved type 5 (WERO)", or empty. */
    public ReadOnlyStringProperty diskTitleProperty() { return diskTitle.getReadOnlyProperty(); }

    public String diskTitle() { return diskTitle.get(); }

    /** The registrations of the selected command's disk at the cursor, in registration order. */
    public ReadOnlyObjectProperty<List<RegistrantRow>> registrantsProperty() { return registrants.getReadOnlyProperty(); }

    public List<RegistrantRow> registrants() { return registrants.get(); }

    /** The shown disk's reservation changes up to the cursor, oldest first (empty when no disk is shown). */
    public ReadOnlyObjectProperty<List<DiskHistoryRow>> historyProperty() { return history.getReadOnlyProperty(); }

    public List<DiskHistoryRow> history() { return history.get(); }

    /** As {@link #showDisk(String, long, ReservationSnapshot, Function)}, with the disk's reservation history up to {@code time}. */
    public void showDisk(String disk, long time, ReservationSnapshot snapshot, Function<InitiatorPort, String> names,
                         List<DiskHistoryRow> changes) {
        showDisk(disk, time, snapshot, names);
        if (disk != null && snapshot != null && !changes.equals(history.get())) history.set(List.copyOf(changes));
    }

    /**
     * Shows the registrations of {@code disk} as {@code snapshot} has them at {@code time}; a null
     * disk clears the table. {@code names} gives "node-a/p1" for the lab's initiator ports.
     */
    public void showDisk(String disk, long time, ReservationSnapshot snapshot, Function<InitiatorPort, String> names) {
        if (disk == null || snapshot == null) {
            diskTitle.set("");
            registrants.set(List.of());
            history.set(List.of());
            return;
        }
        List<RegistrantRow> out = new ArrayList<>();
        for (ReservationSnapshot.Registrant r : snapshot.registrants()) {
            String name = names.apply(r.initiator());
            String nexus = (name != null ? name : r.initiator().displayName()) + " -> "
                    + (r.allTargetPorts() ? "all target ports" : r.targetPort().toString());
            out.add(new RegistrantRow(nexus, "0x" + Long.toHexString(r.key()), r.holder(), snapshot.aptplActive()));
        }
        registrants.set(List.copyOf(out));
        String reservation;
        if (!snapshot.reserved()) reservation = "no persistent reservation";
        else {
            PrType type = PrType.fromCode(snapshot.reservationType());
            reservation = "reserved, type " + snapshot.reservationType() + (type != null ? " (" + type.shortName() + ")" : "");
        }
        diskTitle.set("Registrants of " + disk + " at " + Durations.format(time) + ": PR generation " + snapshot.generation()
                + ", " + reservation + (snapshot.spc2Holder() != null ? ", SPC-2 reserved by "
                + describe(names, snapshot.spc2Holder().initiator()) : ""));
    }

    private static String describe(Function<InitiatorPort, String> names, InitiatorPort port) {
        String name = names.apply(port);
        return name != null ? name : port.displayName();
    }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    public String title() { return title.get(); }

    /** One decoded tree per structure, in the order the command used them. */
    public ReadOnlyObjectProperty<List<DecodedField>> sectionsProperty() { return sections.getReadOnlyProperty(); }

    public List<DecodedField> sections() { return sections.get(); }

    /** The first field called {@code name} in any section, or null. */
    public DecodedField find(String name) {
        for (DecodedField s : sections.get()) {
            DecodedField hit = s.find(name);
            if (hit != null) return hit;
        }
        return null;
    }

    /** Shows {@code row} (null: nothing selected). */
    public void show(SequenceRow row) {
        switch (row) {
            case null -> {
                title.set(NOTHING);
                sections.set(List.of());
            }
            case SequenceRow.ClusterEvent e -> {
                title.set(Durations.format(e.time()) + "   " + e.node() + ": " + e.text());
                sections.set(List.of());
            }
            case SequenceRow.Command c -> {
                title.set(Durations.format(c.time()) + "   " + c.node() + "/" + c.path() + " -> " + c.disk() + ":  " + c.text());
                sections.set(decode(c));
            }
        }
    }

    static List<DecodedField> decode(SequenceRow.Command c) {
        List<DecodedField> out = new ArrayList<>();
        out.add(ScsiDecoder.decodeCdb(c.cdb()));
        if (c.kind() == CommandKind.PR_OUT && c.dataOut() != null) out.add(ScsiDecoder.decodePrOutParameters(c.cdb(), c.dataOut()));
        if (c.kind() == CommandKind.PR_IN && c.status() == ScsiStatus.GOOD && c.dataIn() != null) {
            out.add(ScsiDecoder.decodePrInResponse(c.cdb(), c.dataIn()));
        }
        if (c.status() == ScsiStatus.CHECK_CONDITION && c.sense() != null) {
            out.add(ScsiDecoder.decodeSense(SenseCodec.encodeFixed(c.sense())));
        }
        return List.copyOf(out);
    }

    /**
     * Where a field sits, as the engine's text renderer writes it: {@code [8-15]} for bytes,
     * {@code [1].0-4} for bits 0 to 4 of byte 1, {@code [20].3} for one bit.
     */
    public static String position(DecodedField f) { return f.position(); }

    /** The field's bytes in hex, a space between bytes ("…" when the decoder kept only the first ones). */
    public static String hex(DecodedField f) {
        String raw = f.raw();
        StringBuilder sb = new StringBuilder(raw.length() * 3 / 2 + 2);
        for (int i = 0; i + 1 < raw.length(); i += 2) {
            if (i > 0) sb.append(' ');
            sb.append(raw, i, i + 2);
        }
        if (f.length() > DecodedField.RAW_LIMIT && !raw.isEmpty()) sb.append(" …");
        return sb.toString();
    }
}
