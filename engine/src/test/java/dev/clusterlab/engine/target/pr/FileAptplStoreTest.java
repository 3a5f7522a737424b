package dev.clusterlab.engine.target.pr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clusterlab.engine.scsi.TransportId;
import dev.clusterlab.engine.target.pr.CorruptAptplStateException.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileAptplStore on the real file system (SPC-4 §5.13.5: state that survives power loss). */
class FileAptplStoreTest {
    @TempDir Path dir;

    private static final PersistedReservations OLD = AptplStates.small(0xA1);
    private static final PersistedReservations NEW = new PersistedReservations(List.of(
            new PersistedReservations.Registration(TransportId.Iscsi.port("iqn.2026-11.dev.clusterlab:node-a", 0x23d000000001L), 1, 0xB2),
            new PersistedReservations.Registration(new TransportId.Sas(0x5000_c500_1234_5678L), 0, 0xC3)), null);

    @Test
    void nothingSavedLoadsAsEmpty() throws IOException {
        assertThat(new FileAptplStore(dir, "disk1").load()).isEmpty();
    }

    @Test
    void aMissingDirectoryLoadsAsEmptyAndIsCreatedBySave() throws IOException {
        FileAptplStore store = new FileAptplStore(dir.resolve("a/b"), "disk1");
        assertThat(store.load()).isEmpty();
        store.save(OLD);
        assertThat(store.load()).contains(OLD);
    }

    @Test
    void savedStateReadsBackAfterANewStoreOpensTheDirectory() throws IOException {
        new FileAptplStore(dir, "disk1").save(NEW);
        assertThat(new FileAptplStore(dir, "disk1").load()).contains(NEW);
    }

    @Test
    void anEmptyStateIsStoredAndDistinctFromNoState() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(PersistedReservations.EMPTY);
        assertThat(store.load()).contains(PersistedReservations.EMPTY);
    }

    @Test
    void saveReplacesThePreviousStateAndLeavesNoTemporaryFile() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        store.save(NEW);
        assertThat(store.load()).contains(NEW);
        assertThat(fileNames()).containsExactly("aptpl-disk1.state");
    }

    @Test
    void eachLogicalUnitHasItsOwnFileNamedAfterIt() throws IOException {
        new FileAptplStore(dir, "disk1").save(OLD);
        new FileAptplStore(dir, "disk 2/ü").save(NEW);
        assertThat(fileNames()).containsExactlyInAnyOrder("aptpl-disk1.state", "aptpl-disk%202%2F%C3%BC.state");
        assertThat(new FileAptplStore(dir, "disk1").load()).contains(OLD);
        assertThat(new FileAptplStore(dir, "disk 2/ü").load()).contains(NEW);
    }

    @Test
    void fileNamesAreInjectiveSoNoTwoLogicalUnitsShareAFile() {
        assertThat(FileAptplStore.fileNameSafe("a%2F")).isNotEqualTo(FileAptplStore.fileNameSafe("a/"));
        assertThat(FileAptplStore.fileNameSafe("..")).doesNotContain("/").isNotEqualTo("..");
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnoredAndDeletedByLoad() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        Files.write(store.tempFile(), new byte[] {(byte) 0x89, 'C', 'L'}); // torn write of the next state
        assertThat(store.load()).contains(OLD);
        assertThat(fileNames()).containsExactly("aptpl-disk1.state");
    }

    @Test
    void clearRemovesTheStateSoNothingSurvives() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        store.clear();
        assertThat(store.load()).isEmpty();
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void clearWithNothingStoredOrNoDirectoryIsFine() throws IOException {
        new FileAptplStore(dir, "disk1").clear();
        new FileAptplStore(dir.resolve("missing"), "disk1").clear();
        assertThat(new FileAptplStore(dir, "disk1").load()).isEmpty();
    }

    @Test
    void aCorruptFileOnDiskIsAnIOExceptionNamingThePathAndTheCheck() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        byte[] bytes = Files.readAllBytes(store.stateFile());
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(store.stateFile(), bytes);
        CorruptAptplStateException e = catchThrowableOfType(CorruptAptplStateException.class, store::load);
        assertThat(e.check()).isEqualTo(Check.CRC);
        assertThat(e.getMessage()).contains(store.stateFile().toString());
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAll() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        try (var ch = java.nio.channels.FileChannel.open(store.stateFile(), java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), AptplStateCodec.MAX_FILE_LENGTH + 100L); // sparse
        }
        assertThat(catchThrowableOfType(CorruptAptplStateException.class, store::load).check()).isEqualTo(Check.PAYLOAD_LENGTH);
    }

    @Test
    void aWriteThatFailsLeavesTheOldStateIntactAndSaveThrows() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        // The temporary file's name is taken by a non-empty directory, so creating it fails.
        Files.createDirectories(store.tempFile());
        Files.write(store.tempFile().resolve("blocker"), new byte[1]);
        assertThatThrownBy(() -> store.save(NEW)).isInstanceOf(IOException.class)
                .hasMessageContaining(store.stateFile() + " is unchanged");
        assertThat(store.load()).contains(OLD);
    }

    @Test
    void aStateDirectoryThatIsNotADirectoryFailsSaveAndLoad() throws IOException {
        Path notADirectory = Files.write(dir.resolve("file"), new byte[1]);
        FileAptplStore store = new FileAptplStore(notADirectory, "disk1");
        assertThatThrownBy(() -> store.save(OLD)).isInstanceOf(IOException.class);
        assertThatThrownBy(store::load).isInstanceOf(IOException.class);
    }

    @Test
    void theStateFileIsReadableByItsOwnerOnly() throws IOException {
        FileAptplStore store = new FileAptplStore(dir, "disk1");
        store.save(OLD);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.stateFile()))).isEqualTo("rw-------");
        } else {
            assertThat(Files.isReadable(store.stateFile())).isTrue();
        }
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
