package dev.clusterlab.engine.target.copy;

import static dev.clusterlab.engine.target.TestLus.*;
import static dev.clusterlab.engine.target.copy.XcopyLists.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.TestLus;
import dev.clusterlab.engine.target.store.MemoryBlockStore;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random EXTENDED COPY parameter lists (mostly well-formed, then damaged at random bytes and cut or
 * padded at random) never make the device server fail internally: the command ends GOOD, or CHECK
 * CONDITION with ILLEGAL REQUEST or COPY ABORTED and one of the ASC/ASCQs SPC-4 §6.3 names, never
 * 44h/00h. A list refused with ILLEGAL REQUEST leaves the medium untouched.
 */
class ExtendedCopyProperties {
    private static final long SMALL_BLOCKS = 256;

    private static final Map<SenseKey, Set<AdditionalSense>> ALLOWED = Map.of(
            SenseKey.ILLEGAL_REQUEST, Set.of(AdditionalSense.PARAMETER_LIST_LENGTH_ERROR,
                    AdditionalSense.INVALID_FIELD_IN_PARAMETER_LIST, ExtendedCopyList.TOO_MANY_TARGET_DESCRIPTORS,
                    ExtendedCopyList.UNSUPPORTED_TARGET_DESCRIPTOR_TYPE_CODE, ExtendedCopyList.TOO_MANY_SEGMENT_DESCRIPTORS,
                    ExtendedCopyList.UNSUPPORTED_SEGMENT_DESCRIPTOR_TYPE_CODE, ExtendedCopyList.INLINE_DATA_LENGTH_EXCEEDED),
            SenseKey.COPY_ABORTED, Set.of(SegmentCopier.COPY_TARGET_DEVICE_NOT_REACHABLE,
                    SegmentCopier.INCORRECT_COPY_TARGET_DEVICE_TYPE, SegmentCopier.UNEXPECTED_INEXACT_SEGMENT));

    record Damage(int position, byte value) {}

    record Case(int listId, int usage, int targets, int foreignTargets, List<byte[]> segments, List<Damage> damage,
                int lengthChange) {}

    private static Arbitrary<Long> lba() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, SMALL_BLOCKS)),
                Tuple.of(1, Arbitraries.longs().between(SMALL_BLOCKS - 4, SMALL_BLOCKS + 4)),
                Tuple.of(1, Arbitraries.longs()));
    }

    private static Arbitrary<byte[]> segment() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(0, 64)),
                        Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF))), lba(), lba())
                .as(XcopyLists::blockToBlock);
    }

    private static Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 600), Arbitraries.bytes()).as(Damage::new);
    }

    @Provide
    Arbitrary<Case> cases() {
        // Mostly well-formed, so that lists get past the length checks and into the copy often enough.
        Arbitrary<Integer> usage = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(HOLD, NO_HOLD, NO_LIST_ID)),
                Tuple.of(1, Arbitraries.just(1)));
        Arbitrary<Integer> targets = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.integers().between(0, 18)));
        Arbitrary<List<Damage>> damage = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(1, damage().list().ofMinSize(1).ofMaxSize(4)));
        Arbitrary<Integer> lengthChange = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(-40, 8)));
        return Combinators.combine(Arbitraries.integers().between(0, 255), usage, targets, Arbitraries.integers().between(0, 1),
                segment().list().ofMaxSize(6), damage, lengthChange)
                .as(Case::new);
    }

    @Property(tries = 500)
    void randomParameterListsEndInGoodOrKnownSenseAndRefusalsChangeNothing(@ForAll("cases") Case c) {
        LogicalUnit lu = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, SMALL_BLOCKS)).build();
        byte[] pattern = new byte[(int) SMALL_BLOCKS * BLOCK_SIZE];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 31 + i / BLOCK_SIZE);
        lu.store().write(0, (int) SMALL_BLOCKS, pattern, 0);

        byte[] list = build(lu, c);
        ScsiResponse r = lu.execute(A1, ScsiRequest.dataOut(extendedCopyCdb(list.length), list));
        if (r.status() == ScsiStatus.GOOD) return;
        assertThat(r.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(ALLOWED).as("sense key of %s", r.sense()).containsKey(r.sense().key());
        assertThat(ALLOWED.get(r.sense().key())).as("ASC/ASCQ of %s", r.sense()).contains(r.sense().additional());
        if (r.sense().key() == SenseKey.ILLEGAL_REQUEST) {
            byte[] after = new byte[pattern.length];
            lu.store().read(0, (int) SMALL_BLOCKS, after, 0);
            assertThat(after).as("medium after a refused list").isEqualTo(pattern);
        }
    }

    private static byte[] build(LogicalUnit lu, Case c) {
        ByteArrayOutputStream targets = new ByteArrayOutputStream();
        for (int i = 0; i < c.targets(); i++) {
            boolean foreign = c.foreignTargets() == 1 && i % 3 == 2;
            targets.writeBytes(foreign ? target(0xE4, 0, new byte[] {0x31, 1, 2, 3, 4, 5, 6, 7}, BLOCK_SIZE) : target(lu));
        }
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        for (byte[] s : c.segments()) segments.writeBytes(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(c.listId(), c.usage(), targets.size(), segments.size(), 0));
        out.writeBytes(targets.toByteArray());
        out.writeBytes(segments.toByteArray());
        byte[] list = java.util.Arrays.copyOf(out.toByteArray(), Math.max(0, out.size() + c.lengthChange()));
        for (Damage d : c.damage()) if (d.position() < list.length) list[d.position()] = d.value();
        return list;
    }

    @Property(tries = 200)
    void arbitraryBytesNeverFailInternally(@ForAll("bytes") byte[] list) {
        LogicalUnit lu = TestLus.builder(new MemoryBlockStore(BLOCK_SIZE, SMALL_BLOCKS)).build();
        ScsiResponse r = lu.execute(A1, ScsiRequest.dataOut(extendedCopyCdb(list.length), list));
        assertThat(r.status()).isIn(ScsiStatus.GOOD, ScsiStatus.CHECK_CONDITION);
        if (r.status() == ScsiStatus.CHECK_CONDITION)
            assertThat(r.sense().additional()).isNotEqualTo(LogicalUnit.INTERNAL_TARGET_FAILURE);
    }

    @Provide
    Arbitrary<byte[]> bytes() { return Arbitraries.bytes().array(byte[].class).ofMaxSize(200); }
}
