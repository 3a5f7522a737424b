package dev.clusterlab.engine.target.copy;

import dev.clusterlab.engine.scsi.AdditionalSense;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.CheckCondition;
import dev.clusterlab.engine.scsi.ItNexus;
import dev.clusterlab.engine.scsi.SenseData;
import dev.clusterlab.engine.scsi.SenseKey;
import dev.clusterlab.engine.target.LogicalUnit;
import dev.clusterlab.engine.target.store.BlockStore;
import java.util.OptionalLong;

/**
 * Processes the segment descriptors of an accepted parameter list in order, moving the data between
 * the block stores of the logical units its target descriptors name. The copy runs to completion
 * inside the command (a simulated disk has nothing to overlap it with).
 *
 * <p>Errors met while processing (SPC-4 §6.3.3) end the command with COPY ABORTED; the segments
 * before the failing one stay copied, which COPY STATUS reports as SEGMENTS PROCESSED. The sense-key
 * specific field is a segment pointer (SPC-4 §4.5.2.4.6) with SD=0: its FIELD POINTER is the byte
 * offset in the parameter list of the descriptor in error. A copy target that cannot serve a
 * segment (absent, stopped, out of range, write protected, reserved by another I_T nexus) is
 * reported as 0Dh/02h COPY TARGET DEVICE NOT REACHABLE, as LIO does and libiscsi expects.
 */
final class SegmentCopier {
    static final AdditionalSense COPY_TARGET_DEVICE_NOT_REACHABLE = new AdditionalSense(0x0D, 0x02);
    static final AdditionalSense INCORRECT_COPY_TARGET_DEVICE_TYPE = new AdditionalSense(0x0D, 0x03);
    static final AdditionalSense UNEXPECTED_INEXACT_SEGMENT = new AdditionalSense(0x26, 0x0A);
    /** PERIPHERAL DEVICE TYPE of a direct access block device, the only kind of copy target here. */
    private static final int DIRECT_ACCESS_BLOCK_DEVICE = 0x00;
    /** Stand-ins for the READ and WRITE a copy target would get; only their access class matters. */
    private static final byte[] READ_PROBE = Cdbs.read16(0, 1), WRITE_PROBE = Cdbs.write16(0, 1);

    private final LogicalUnit requester;
    private final ItNexus nexus;
    private final CopyTargetResolver resolver;
    private final ExtendedCopyList list;
    private LogicalUnit[] units;
    private int segmentsProcessed;
    private long bytesTransferred;

    SegmentCopier(LogicalUnit requester, ItNexus nexus, CopyTargetResolver resolver, ExtendedCopyList list) {
        this.requester = requester;
        this.nexus = nexus;
        this.resolver = resolver;
        this.list = list;
    }

    /** Runs the copy; never throws for anything the parameter list or the copy targets do. */
    CopyOutcome run() {
        try {
            units = resolveTargets();
            for (ExtendedCopyList.Segment s : list.segments()) {
                switch (s) {
                    case ExtendedCopyList.BlockToBlock b -> copy(b);
                }
                segmentsProcessed++;
            }
            return new CopyOutcome(segmentsProcessed, bytesTransferred, null);
        } catch (CheckCondition cc) {
            return new CopyOutcome(segmentsProcessed, bytesTransferred, cc.sense());
        }
    }

    /**
     * Every target descriptor names a logical unit before any data moves: one that is not a block
     * device is 0Dh/03h INCORRECT COPY TARGET DEVICE TYPE, one that cannot be found 0Dh/02h, and a
     * DISK BLOCK LENGTH other than the unit's own is an invalid parameter list field.
     */
    private LogicalUnit[] resolveTargets() {
        LogicalUnit[] out = new LogicalUnit[list.targets().size()];
        for (int i = 0; i < out.length; i++) {
            ExtendedCopyList.TargetDescriptor t = list.targets().get(i);
            if (t.peripheralType() != DIRECT_ACCESS_BLOCK_DEVICE) throw copyAborted(INCORRECT_COPY_TARGET_DEVICE_TYPE, t.offset() + 1);
            LogicalUnit lu = t.designator().names(requester.identity()) ? requester : resolver.find(t.designator());
            if (lu == null) throw copyAborted(COPY_TARGET_DEVICE_NOT_REACHABLE, t.offset() + 4);
            if (t.diskBlockLength() != lu.store().blockSize()) throw CheckCondition.invalidFieldInParameterList(t.offset() + 29, -1);
            out[i] = lu;
        }
        return out;
    }

    private void copy(ExtendedCopyList.BlockToBlock s) {
        LogicalUnit src = target(s.sourceIndex(), s.offset() + 4);
        LogicalUnit dst = target(s.destinationIndex(), s.offset() + 6);
        int srcBlockSize = src.store().blockSize(), dstBlockSize = dst.store().blockSize();
        long bytes = (long) s.blocks() * (s.destinationCount() ? dstBlockSize : srcBlockSize);
        // SPC-4 §6.3.7.5: a count that is not whole blocks on both sides is an inexact segment (CAT
        // would allow residues; this copy manager does not produce them).
        if (bytes % srcBlockSize != 0 || bytes % dstBlockSize != 0) throw copyAborted(UNEXPECTED_INEXACT_SEGMENT, s.offset() + 10);
        long srcBlocks = bytes / srcBlockSize, dstBlocks = bytes / dstBlockSize;
        requireUsable(src, s.sourceLba(), srcBlocks, false, s.offset() + 12);
        requireUsable(dst, s.destinationLba(), dstBlocks, true, s.offset() + 20);
        if (bytes == 0) return;
        move(src.store(), s.sourceLba(), dst.store(), s.destinationLba(), bytes);
        if (!dst.state().mode().writeCacheEnabled()) dst.store().flush(); // SBC-3 §5.32: WCE=0 writes reach the medium
        bytesTransferred += bytes;
    }

    private LogicalUnit target(int index, int fieldOffset) {
        if (index >= units.length) throw copyAborted(COPY_TARGET_DEVICE_NOT_REACHABLE, fieldOffset);
        return units[index];
    }

    /**
     * What the copy target would answer to the READ or WRITE the copy manager stands for: not
     * started, LBAs off the medium, software write protect (SPC-4 §7.5.7), or a persistent
     * reservation that excludes the requesting I_T nexus (checked for other logical units; this one
     * admitted the EXTENDED COPY itself, a write-class command).
     */
    private void requireUsable(LogicalUnit lu, long lba, long blocks, boolean write, int fieldOffset) {
        long capacity = lu.store().blockCount();
        boolean outOfRange = Long.compareUnsigned(lba, capacity) > 0 || Long.compareUnsigned(blocks, capacity - lba) > 0;
        boolean refused = lu.state().stopped() || outOfRange
                || (write && lu.state().mode().softwareWriteProtect())
                || (lu != requester && lu.reservations().conflicts(nexus, write ? WRITE_PROBE : READ_PROBE));
        if (refused) throw copyAborted(COPY_TARGET_DEVICE_NOT_REACHABLE, fieldOffset);
    }

    /** Copies in chunks; backwards when an overlapping destination lies after the source, like memmove. */
    private static void move(BlockStore from, long fromLba, BlockStore to, long toLba, long bytes) {
        int fromBs = from.blockSize(), toBs = to.blockSize();
        int unit = Math.max(fromBs, toBs); // chunks must be whole blocks on both sides
        long chunk = Math.max(unit, CopyLimits.CHUNK_BYTES / unit * (long) unit);
        byte[] buffer = new byte[(int) Math.min(chunk, bytes)];
        boolean backwards = from == to && toLba > fromLba && toLba < fromLba + bytes / fromBs;
        long done = 0;
        while (done < bytes) {
            long n = Math.min(buffer.length, bytes - done);
            long at = backwards ? bytes - done - n : done;
            from.read(fromLba + at / fromBs, (int) (n / fromBs), buffer, 0);
            to.write(toLba + at / toBs, (int) (n / toBs), buffer, 0);
            done += n;
        }
    }

    /** COPY ABORTED with a segment pointer (SKSV=1, SD=0, BPV=0) at {@code fieldOffset} in the parameter list. */
    static CheckCondition copyAborted(AdditionalSense asc, int fieldOffset) {
        return new CheckCondition(new SenseData(SenseKey.COPY_ABORTED, asc, true, OptionalLong.empty(),
                0x800000 | (fieldOffset & 0xFFFF)));
    }
}
