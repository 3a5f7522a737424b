package dev.clusterlab.engine.scsi.decode;

import static dev.clusterlab.engine.scsi.Opcode.*;

import dev.clusterlab.engine.scsi.OpcodeNames;

/** Field layouts of the SBC-3 block commands' CDBs (SBC-3 §5; byte and bit positions per its tables; SBC-4 for WRITE ATOMIC and SANITIZE). */
final class BlockCdbLayouts {
    private BlockCdbLayouts() {}

    private static final String LBA = "Logical block address";
    private static final String TRANSFER = "Transfer length";
    private static final String BLOCKS = "Number of logical blocks";

    /** Adds the fields after the opcode and before CONTROL; false if {@code op} is not a block command laid out here. */
    static boolean decode(int op, FieldList f) {
        switch (op) {
            case READ_6, WRITE_6 -> {
                f.obsoleteBits(1, 5, 3);
                f.bits(LBA, 1, 3, 0, 21);
                if (f.has(4, 1) && f.buffer()[4] == 0) f.text(TRANSFER, 4, 1, "0 (means 256 blocks, SBC-3 §5.8)", java.util.OptionalLong.of(0));
                else f.uint(TRANSFER, 4, 1);
            }
            case READ_10 -> { protect(f, "RDPROTECT"); dpoFua(f); f.flag("RARC", 1, 2); f.obsoleteBits(1, 0, 2); body10(f, TRANSFER); }
            case WRITE_10 -> { protect(f, "WRPROTECT"); dpoFua(f); f.obsoleteBits(1, 0, 2); body10(f, TRANSFER); }
            case VERIFY_10 -> { protect(f, "VRPROTECT"); verifyFlags(f); body10(f, "Verification length"); }
            case WRITE_AND_VERIFY_10 -> { protect(f, "WRPROTECT"); verifyFlags(f); body10(f, TRANSFER); }
            case PRE_FETCH_10 -> { f.flag("IMMED", 1, 1); body10(f, "Prefetch length"); }
            case SYNCHRONIZE_CACHE_10 -> { f.obsoleteBits(1, 2, 1); f.flag("IMMED", 1, 1); body10(f, BLOCKS); }
            case WRITE_SAME_10 -> { protect(f, "WRPROTECT"); writeSameFlags(f); body10(f, BLOCKS); }
            case READ_12 -> { protect(f, "RDPROTECT"); dpoFua(f); f.flag("RARC", 1, 2); f.obsoleteBits(1, 0, 2); body12(f, TRANSFER); }
            case WRITE_12 -> { protect(f, "WRPROTECT"); dpoFua(f); f.obsoleteBits(1, 0, 2); body12(f, TRANSFER); }
            case VERIFY_12 -> { protect(f, "VRPROTECT"); verifyFlags(f); body12(f, "Verification length"); }
            case WRITE_AND_VERIFY_12 -> { protect(f, "WRPROTECT"); verifyFlags(f); body12(f, TRANSFER); }
            case READ_16 -> { protect(f, "RDPROTECT"); dpoFua(f); f.flag("RARC", 1, 2); durationLimit(f); body16(f, TRANSFER); }
            case WRITE_16 -> { protect(f, "WRPROTECT"); dpoFua(f); durationLimit(f); body16(f, TRANSFER); }
            case ORWRITE_16 -> { protect(f, "ORPROTECT"); dpoFua(f); body16(f, TRANSFER); }
            case VERIFY_16 -> { protect(f, "VRPROTECT"); verifyFlags(f); body16(f, "Verification length"); }
            case WRITE_AND_VERIFY_16 -> { protect(f, "WRPROTECT"); verifyFlags(f); body16(f, TRANSFER); }
            case PRE_FETCH_16 -> { f.flag("IMMED", 1, 1); body16(f, "Prefetch length"); }
            case SYNCHRONIZE_CACHE_16 -> { f.obsoleteBits(1, 2, 1); f.flag("IMMED", 1, 1); body16(f, BLOCKS); }
            case WRITE_SAME_16 -> { protect(f, "WRPROTECT"); writeSameFlags(f); f.flag("NDOB", 1, 0); body16(f, BLOCKS); }
            case COMPARE_AND_WRITE -> {
                protect(f, "WRPROTECT");
                dpoFua(f);
                f.obsoleteBits(1, 1, 1);
                f.uint(LBA, 2, 8);
                f.uint(BLOCKS, 13, 1);
                f.bits("Group number", 14, 0, 5);
            }
            case UNMAP -> { f.flag("ANCHOR", 1, 0); f.bits("Group number", 6, 0, 5); f.uint("Parameter list length", 7, 2); }
            case READ_CAPACITY_10 -> { f.obsolete(2, 4); f.obsoleteBits(8, 0, 1); }
            case SERVICE_ACTION_IN_16 -> serviceActionIn16(f);
            case FORMAT_UNIT -> {
                f.bits("FMTPINFO", 1, 6, 2);
                f.flag("LONGLIST", 1, 5);
                f.flag("FMTDATA", 1, 4);
                f.flag("CMPLST", 1, 3);
                f.bits("Defect list format", 1, 0, 3);
                f.bytes("Vendor specific", 2, 1);
                f.obsolete(3, 2);
            }
            case START_STOP_UNIT -> {
                f.flag("IMMED", 1, 0);
                f.bits("Power condition modifier", 3, 0, 4);
                f.bitsCode("Power condition", 4, 4, 4, FieldNames::powerCondition);
                f.flag("NO_FLUSH", 4, 2);
                f.flag("LOEJ", 4, 1);
                f.flag("START", 4, 0);
            }
            case PREVENT_ALLOW_MEDIUM_REMOVAL -> f.bitsCode("Prevent", 4, 0, 2, FieldNames::prevent);
            case READ_DEFECT_DATA_10 -> {
                f.flag("REQ_PLIST", 2, 4);
                f.flag("REQ_GLIST", 2, 3);
                f.bits("Defect list format", 2, 0, 3);
                f.uint("Allocation length", 7, 2);
            }
            case READ_DEFECT_DATA_12 -> {
                f.flag("REQ_PLIST", 1, 4);
                f.flag("REQ_GLIST", 1, 3);
                f.bits("Defect list format", 1, 0, 3);
                f.uint("Address descriptor index", 2, 4);
                f.uint("Allocation length", 6, 4);
            }
            case WRITE_ATOMIC_16 -> { // SBC-4 §5.48
                protect(f, "WRPROTECT");
                dpoFua(f);
                f.uint(LBA, 2, 8);
                f.uint("Atomic boundary", 10, 2);
                f.uint(TRANSFER, 12, 2);
                f.bits("Group number", 14, 0, 6);
            }
            case SANITIZE -> { // SBC-4 §5.30
                f.flag("IMMED", 1, 7);
                f.flag("AUSE", 1, 5);
                f.bits("Service action", 1, 0, 5);
                f.uint("Parameter list length", 7, 2);
            }
            default -> { return false; }
        }
        return true;
    }

    /** SBC-3 §5.16, §5.13: READ CAPACITY(16) and GET LBA STATUS; other service actions show raw. */
    private static void serviceActionIn16(FieldList f) {
        int sa = f.has(1, 1) ? f.buffer()[1] & 0x1F : -1;
        f.bitsCode("Service action", 1, 0, 5, v -> nameOr(OpcodeNames.serviceActionName(SERVICE_ACTION_IN_16, v)));
        switch (sa) {
            case SAI_READ_CAPACITY_16 -> { f.obsolete(2, 8); f.uint("Allocation length", 10, 4); f.obsoleteBits(14, 0, 1); }
            case SAI_GET_LBA_STATUS -> { f.uint("Starting logical block address", 2, 8); f.uint("Allocation length", 10, 4); }
            default -> { f.obsoleteBits(1, 5, 3); f.bytes("Service action specific", 2, 13); }
        }
    }

    static String nameOr(String name) { return name != null ? name : "Unknown service action"; }

    private static void protect(FieldList f, String name) { f.bitsCode(name, 1, 5, 3, FieldNames::protect); }

    private static void dpoFua(FieldList f) { f.flag("DPO", 1, 4); f.flag("FUA", 1, 3); }

    private static void verifyFlags(FieldList f) { f.flag("DPO", 1, 4); f.bits("BYTCHK", 1, 1, 2); f.obsoleteBits(1, 0, 1); }

    private static void writeSameFlags(FieldList f) {
        f.flag("ANCHOR", 1, 4);
        f.flag("UNMAP", 1, 3);
        f.obsoleteBits(1, 1, 2); // PBDATA, LBDATA: obsolete since SBC-3 r35
    }

    /** SBC-4 command duration limit bits, DLD2 in byte 1 and DLD1-0 in byte 14. */
    private static void durationLimit(FieldList f) { f.flag("DLD2", 1, 0); f.flag("DLD1", 14, 7); f.flag("DLD0", 14, 6); }

    private static void body10(FieldList f, String lengthName) {
        f.uint(LBA, 2, 4);
        f.bits("Group number", 6, 0, 5);
        f.uint(lengthName, 7, 2);
    }

    private static void body12(FieldList f, String lengthName) {
        f.uint(LBA, 2, 4);
        f.uint(lengthName, 6, 4);
        f.bits("Group number", 10, 0, 5);
    }

    private static void body16(FieldList f, String lengthName) {
        f.uint(LBA, 2, 8);
        f.uint(lengthName, 10, 4);
        f.bits("Group number", 14, 0, 6);
    }
}
