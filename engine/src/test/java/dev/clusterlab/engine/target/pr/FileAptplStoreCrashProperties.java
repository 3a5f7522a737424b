package dev.clusterlab.engine.target.pr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * SPC-4 §5.13.5: the persistent copy is written before the command completes, and a power loss
 * at any moment leaves either the old state or the new one. Checked against {@link
 * PowerLossFileSystem}, which tears writes and loses whatever was not forced.
 */
class FileAptplStoreCrashProperties {
    private static final Path DIR = Path.of("/state");
    /** write temp, force temp, rename over state file, force directory. */
    private static final int SAVE_OPERATIONS = 4;

    @Provide
    Arbitrary<PersistedReservations> states() { return AptplStates.states(); }

    @Property(tries = 1000)
    @Label("power loss during (or right after) save leaves exactly the old or the new state, and load never throws")
    void powerLossDuringSaveLeavesOldOrNewState(@ForAll("states") PersistedReservations old,
                                                @ForAll boolean oldExists,
                                                @ForAll("states") PersistedReservations next,
                                                @ForAll @IntRange(min = 0, max = SAVE_OPERATIONS) int crashPoint,
                                                @ForAll long seed) throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(seed));
        Optional<PersistedReservations> before = oldExists ? Optional.of(old) : Optional.empty();
        assertThat(saveOrCrash(fs, before, next, crashPoint)).isIn(before, Optional.of(next));
    }

    @Test
    void everyCrashPointAndEveryTornOutcomeOfASaveLeavesOldOrNewState() throws IOException {
        PersistedReservations old = AptplStates.small(0xA1), next = AptplStates.small(0xB2);
        int outcomes = 0;
        for (int crashPoint = 0; crashPoint <= SAVE_OPERATIONS; crashPoint++) {
            EnumeratedChoices all = new EnumeratedChoices();
            do {
                Optional<PersistedReservations> loaded = saveOrCrash(new PowerLossFileSystem(all), Optional.of(old), next, crashPoint);
                assertThat(loaded).as("crash point %d, choices %s", crashPoint, all).isIn(Optional.of(old), Optional.of(next));
                outcomes++;
            } while (all.advance());
        }
        assertThat(outcomes).as("torn writes at every byte were enumerated").isGreaterThan(1000);
    }

    @Property(tries = 300)
    void powerLossDuringClearLeavesOldStateOrNone(@ForAll("states") PersistedReservations old,
                                                  @ForAll @IntRange(min = 0, max = 2) int crashPoint,
                                                  @ForAll long seed) throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(seed));
        new FileAptplStore(DIR, "disk1", fs).save(old);
        fs.forceDirectory(DIR);
        fs.losePowerDuringOperation(crashPoint);
        boolean completed = true;
        try {
            new FileAptplStore(DIR, "disk1", fs).clear();
        } catch (IOException e) {
            assertThat(fs.isDown()).isTrue();
            completed = false;
        }
        fs.reboot();
        Optional<PersistedReservations> loaded = new FileAptplStore(DIR, "disk1", fs).load();
        if (completed) assertThat(loaded).isEmpty();
        else assertThat(loaded).isIn(Optional.of(old), Optional.empty());
    }

    @Property(tries = 200)
    @Label("a run of saves and clears with power losses: load always returns the last acknowledged or the interrupted state")
    void repeatedPowerLossesNeverLoseAnAcknowledgedState(@ForAll @Size(min = 1, max = 8) List<@From("stateOrClear") Optional<PersistedReservations>> updates,
                                                         @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 0, max = 6) Integer> crashPoints,
                                                         @ForAll long seed) throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(seed));
        Optional<PersistedReservations> acknowledged = Optional.empty();
        for (int i = 0; i < updates.size(); i++) {
            Optional<PersistedReservations> update = updates.get(i);
            fs.losePowerDuringOperation(crashPoints.get(i));
            FileAptplStore store = new FileAptplStore(DIR, "disk1", fs);
            boolean completed = true;
            try {
                if (update.isPresent()) store.save(update.get());
                else store.clear();
            } catch (IOException e) {
                completed = false;
            }
            fs.reboot();
            Optional<PersistedReservations> loaded = new FileAptplStore(DIR, "disk1", fs).load();
            if (completed) assertThat(loaded).isEqualTo(update);
            else assertThat(loaded).isIn(acknowledged, update);
            acknowledged = loaded;
        }
    }

    @Provide
    Arbitrary<Optional<PersistedReservations>> stateOrClear() { return AptplStates.states().optional(0.8); }

    @Property(tries = 200)
    void aFailedWriteOrForceLeavesTheOldStateAndSaveThrows(@ForAll("states") PersistedReservations old,
                                                           @ForAll("states") PersistedReservations next,
                                                           @ForAll @IntRange(min = 0, max = 2) int failingOperation) throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(1));
        FileAptplStore store = new FileAptplStore(DIR, "disk1", fs);
        store.save(old);
        fs.failOperation(failingOperation); // write, force or rename of the temporary file
        assertThatThrownBy(() -> store.save(next)).isInstanceOf(IOException.class);
        assertThat(store.load()).contains(old);
        assertThat(fs.names()).containsExactly(store.stateFile());
        fs.reboot(); // and it is durable, too
        assertThat(new FileAptplStore(DIR, "disk1", fs).load()).contains(old);
    }

    @Test
    void aFailedDirectorySyncAfterTheRenameIsReportedEvenThoughTheNewStateIsVisible() throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(1));
        FileAptplStore store = new FileAptplStore(DIR, "disk1", fs);
        store.save(AptplStates.small(1));
        fs.failOperation(3);
        assertThatThrownBy(() -> store.save(AptplStates.small(2))).isInstanceOf(IOException.class);
        assertThat(store.load()).contains(AptplStates.small(2));
    }

    @Test
    void anUnreadableDirectoryIsAnErrorNotAnEmptyStateAndSaveKeepsTheOldState() throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(1));
        FileAptplStore store = new FileAptplStore(DIR, "disk1", fs);
        store.save(AptplStates.small(1));
        fs.makeUnreadable(true);
        assertThatThrownBy(store::load).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.save(AptplStates.small(2))).isInstanceOf(IOException.class);
        fs.makeUnreadable(false);
        assertThat(store.load()).contains(AptplStates.small(1));
    }

    @Test
    void saveIsExactlyWriteForceRenameAndDirectorySync() throws IOException {
        PowerLossFileSystem fs = new PowerLossFileSystem(PowerLossFileSystem.Choices.random(1));
        new FileAptplStore(DIR, "disk1", fs).save(AptplStates.small(1));
        assertThat(fs.mutations()).isEqualTo(SAVE_OPERATIONS);
    }

    @Test
    void aSaveThatReturnedSurvivesPowerLoss() throws IOException {
        // Without the forces, this model would give back a torn or missing file.
        PowerLossFileSystem fs = new PowerLossFileSystem(new EnumeratedChoices());
        new FileAptplStore(DIR, "disk1", fs).save(AptplStates.small(7));
        fs.reboot();
        assertThat(new FileAptplStore(DIR, "disk1", fs).load()).contains(AptplStates.small(7));
    }

    /**
     * Puts {@code before} in place durably, saves {@code next} with power failing during operation
     * {@code crashPoint} (or right after the save when it is past the last one), reboots, and loads
     * with a fresh store. Also checks that a save that returned is durable, that load never throws
     * here, and that it removes the leftover temporary file.
     */
    private static Optional<PersistedReservations> saveOrCrash(PowerLossFileSystem fs, Optional<PersistedReservations> before,
                                                               PersistedReservations next, int crashPoint) throws IOException {
        FileAptplStore store = new FileAptplStore(DIR, "disk1", fs);
        before.ifPresent(state -> fs.putDurable(store.stateFile(), AptplStateCodec.encode(state)));
        fs.losePowerDuringOperation(crashPoint);
        boolean completed;
        try {
            store.save(next);
            completed = true;
        } catch (IOException e) {
            assertThat(fs.isDown()).as("save fails only because power failed").isTrue();
            completed = false;
        }
        fs.reboot();
        FileAptplStore afterReboot = new FileAptplStore(DIR, "disk1", fs);
        Optional<PersistedReservations> loaded = afterReboot.load();
        if (completed) assertThat(loaded).as("a save that returned is durable").contains(next);
        assertThat(fs.names()).doesNotContain(afterReboot.tempFile());
        return loaded;
    }

    /** Enumerates every sequence of choices, depth first: run, then {@link #advance}, until it returns false. */
    static final class EnumeratedChoices implements PowerLossFileSystem.Choices {
        private final List<int[]> path = new ArrayList<>(); // {value, bound}
        private int position;

        @Override
        public int next(int bound) {
            if (position == path.size()) path.add(new int[] {0, bound});
            int[] step = path.get(position++);
            if (step[1] != bound) throw new IllegalStateException("nondeterministic scenario");
            return step[0];
        }

        boolean advance() {
            position = 0;
            while (!path.isEmpty()) {
                int[] last = path.get(path.size() - 1);
                if (++last[0] < last[1]) return true;
                path.remove(path.size() - 1);
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int[] step : path) sb.append(step[0]).append('/').append(step[1]).append(' ');
            return sb.toString().trim();
        }
    }
}
