package dev.clusterlab.engine.scsi;

/**
 * Command names for operation codes (SPC-4 Annex E, Table E.2, direct-access view) and for the
 * service actions of the opcodes that carry one. Lookups are array reads; only unknown codes build a
 * String.
 */
public final class OpcodeNames {
    private OpcodeNames() {}

    private static final String[] NAMES = new String[256];
    /** SA_NAMES[opcode][serviceAction] for the opcodes whose SERVICE ACTION is in byte 1, bits 4-0. */
    private static final String[][] SA_NAMES = new String[256][];

    static {
        String[] n = NAMES;
        n[0x00] = "TEST UNIT READY"; n[0x01] = "REZERO UNIT"; n[0x03] = "REQUEST SENSE"; n[0x04] = "FORMAT UNIT";
        n[0x05] = "READ BLOCK LIMITS"; n[0x07] = "REASSIGN BLOCKS"; n[0x08] = "READ(6)"; n[0x0A] = "WRITE(6)";
        n[0x0B] = "SEEK(6)"; n[0x10] = "WRITE FILEMARKS(6)"; n[0x11] = "SPACE(6)"; n[0x12] = "INQUIRY";
        n[0x15] = "MODE SELECT(6)"; n[0x16] = "RESERVE(6)"; n[0x17] = "RELEASE(6)"; n[0x18] = "COPY";
        n[0x1A] = "MODE SENSE(6)"; n[0x1B] = "START STOP UNIT"; n[0x1C] = "RECEIVE DIAGNOSTIC RESULTS";
        n[0x1D] = "SEND DIAGNOSTIC"; n[0x1E] = "PREVENT ALLOW MEDIUM REMOVAL"; n[0x23] = "READ FORMAT CAPACITIES";
        n[0x25] = "READ CAPACITY(10)"; n[0x28] = "READ(10)"; n[0x2A] = "WRITE(10)"; n[0x2B] = "SEEK(10)";
        n[0x2E] = "WRITE AND VERIFY(10)"; n[0x2F] = "VERIFY(10)"; n[0x33] = "SET LIMITS(10)";
        n[0x34] = "PRE-FETCH(10)"; n[0x35] = "SYNCHRONIZE CACHE(10)"; n[0x36] = "LOCK UNLOCK CACHE(10)";
        n[0x37] = "READ DEFECT DATA(10)"; n[0x3B] = "WRITE BUFFER"; n[0x3C] = "READ BUFFER";
        n[0x3E] = "READ LONG(10)"; n[0x3F] = "WRITE LONG(10)"; n[0x40] = "CHANGE DEFINITION";
        n[0x41] = "WRITE SAME(10)"; n[0x42] = "UNMAP"; n[0x43] = "READ TOC/PMA/ATIP"; n[0x48] = "SANITIZE";
        n[0x4C] = "LOG SELECT"; n[0x4D] = "LOG SENSE"; n[0x50] = "XDWRITE(10)"; n[0x51] = "XPWRITE(10)";
        n[0x52] = "XDREAD(10)"; n[0x53] = "XDWRITEREAD(10)"; n[0x55] = "MODE SELECT(10)"; n[0x56] = "RESERVE(10)";
        n[0x57] = "RELEASE(10)"; n[0x5A] = "MODE SENSE(10)"; n[0x5E] = "PERSISTENT RESERVE IN";
        n[0x5F] = "PERSISTENT RESERVE OUT"; n[0x7E] = "EXTENDED CDB"; n[0x7F] = "VARIABLE LENGTH CDB";
        n[0x80] = "WRITE FILEMARKS(16)"; n[0x81] = "REBUILD(16)"; n[0x82] = "REGENERATE(16)";
        n[0x83] = "THIRD-PARTY COPY OUT"; n[0x84] = "THIRD-PARTY COPY IN"; n[0x85] = "ATA PASS-THROUGH(16)";
        n[0x86] = "ACCESS CONTROL IN"; n[0x87] = "ACCESS CONTROL OUT"; n[0x88] = "READ(16)";
        n[0x89] = "COMPARE AND WRITE"; n[0x8A] = "WRITE(16)"; n[0x8B] = "ORWRITE(16)"; n[0x8C] = "READ ATTRIBUTE";
        n[0x8D] = "WRITE ATTRIBUTE"; n[0x8E] = "WRITE AND VERIFY(16)"; n[0x8F] = "VERIFY(16)";
        n[0x90] = "PRE-FETCH(16)"; n[0x91] = "SYNCHRONIZE CACHE(16)"; n[0x92] = "LOCK UNLOCK CACHE(16)";
        n[0x93] = "WRITE SAME(16)"; n[0x94] = "ZBC OUT"; n[0x95] = "ZBC IN"; n[0x9A] = "WRITE STREAM(16)";
        n[0x9B] = "READ BUFFER(16)"; n[0x9C] = "WRITE ATOMIC(16)"; n[0x9D] = "SERVICE ACTION BIDIRECTIONAL";
        n[0x9E] = "SERVICE ACTION IN(16)"; n[0x9F] = "SERVICE ACTION OUT(16)"; n[0xA0] = "REPORT LUNS";
        n[0xA1] = "ATA PASS-THROUGH(12)"; n[0xA2] = "SECURITY PROTOCOL IN"; n[0xA3] = "MAINTENANCE IN";
        n[0xA4] = "MAINTENANCE OUT"; n[0xA5] = "MOVE MEDIUM"; n[0xA7] = "MOVE MEDIUM ATTACHED"; n[0xA8] = "READ(12)";
        n[0xAA] = "WRITE(12)"; n[0xAB] = "SERVICE ACTION IN(12)"; n[0xAE] = "WRITE AND VERIFY(12)";
        n[0xAF] = "VERIFY(12)"; n[0xB5] = "SECURITY PROTOCOL OUT"; n[0xB7] = "READ DEFECT DATA(12)";
        n[0xB8] = "READ ELEMENT STATUS"; n[0xBA] = "REDUNDANCY GROUP IN"; n[0xBB] = "REDUNDANCY GROUP OUT";
        n[0xBC] = "SPARE IN"; n[0xBD] = "SPARE OUT"; n[0xBE] = "VOLUME SET IN"; n[0xBF] = "VOLUME SET OUT";

        String[] prIn = new String[PrInAction.values().length];
        for (PrInAction a : PrInAction.values()) prIn[a.code()] = a.label();
        SA_NAMES[0x5E] = prIn;
        String[] prOut = new String[PrOutAction.values().length];
        for (PrOutAction a : PrOutAction.values()) prOut[a.code()] = a.label();
        SA_NAMES[0x5F] = prOut;
        sa(0x9E, 0x10, "READ CAPACITY(16)", 0x11, "READ LONG(16)", 0x12, "GET LBA STATUS", 0x13, "REPORT REFERRALS",
                0x14, "GET STREAM STATUS", 0x16, "GET PHYSICAL ELEMENT STATUS");
        sa(0x9F, 0x11, "WRITE LONG(16)");
        sa(0xA3, 0x05, "REPORT IDENTIFYING INFORMATION", 0x0A, "REPORT TARGET PORT GROUPS", 0x0B, "REPORT ALIASES",
                0x0C, "REPORT SUPPORTED OPERATION CODES", 0x0D, "REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS",
                0x0E, "REPORT PRIORITY", 0x0F, "REPORT TIMESTAMP", 0x10, "MANAGEMENT PROTOCOL IN");
        sa(0xA4, 0x06, "SET IDENTIFYING INFORMATION", 0x0A, "SET TARGET PORT GROUPS", 0x0B, "CHANGE ALIASES",
                0x0C, "REMOVE I_T NEXUS", 0x0E, "SET PRIORITY", 0x0F, "SET TIMESTAMP", 0x10, "MANAGEMENT PROTOCOL OUT");
        sa(0x83, 0x00, "EXTENDED COPY(LID1)", 0x01, "EXTENDED COPY(LID4)", 0x10, "POPULATE TOKEN",
                0x11, "WRITE USING TOKEN", 0x1C, "COPY OPERATION ABORT");
        sa(0x84, 0x00, "RECEIVE COPY STATUS(LID1)", 0x01, "RECEIVE COPY DATA(LID1)",
                0x03, "RECEIVE COPY OPERATING PARAMETERS", 0x04, "RECEIVE COPY FAILURE DETAILS(LID1)",
                0x05, "RECEIVE COPY STATUS(LID4)", 0x06, "RECEIVE COPY DATA(LID4)",
                0x07, "RECEIVE ROD TOKEN INFORMATION", 0x08, "REPORT ALL ROD TOKENS");
        sa(0xAB, 0x01, "READ MEDIA SERIAL NUMBER");
    }

    private static void sa(int opcode, Object... pairs) {
        String[] row = new String[0x20];
        for (int i = 0; i < pairs.length; i += 2) row[(Integer) pairs[i]] = (String) pairs[i + 1];
        SA_NAMES[opcode] = row;
    }

    /** True for the opcodes whose CDB carries a SERVICE ACTION in byte 1, bits 4-0 (SPC-4 §4.2.5.1). */
    public static boolean hasServiceAction(int opcode) {
        return (opcode & ~0xFF) == 0 && SA_NAMES[opcode] != null;
    }

    /** The SERVICE ACTION of a CDB, or -1 when its opcode has none or the CDB is too short to hold it. */
    public static int serviceAction(byte[] cdb) {
        if (cdb == null || cdb.length < 2 || !hasServiceAction(cdb[0] & 0xFF)) return -1;
        return cdb[1] & 0x1F;
    }

    /** The listed name of an operation code, or null when it has none. */
    public static String lookup(int opcode) { return (opcode & ~0xFF) == 0 ? NAMES[opcode] : null; }

    /** The name of an operation code alone, e.g. "MAINTENANCE IN", "Vendor specific (C5h)". */
    public static String name(int opcode) {
        opcode &= 0xFF;
        String known = NAMES[opcode];
        if (known != null) return known;
        // SAM-5 §5.2: groups 6 and 7 (C0h-FFh) are vendor specific
        return (opcode >= 0xC0 ? "Vendor specific (" : "Unknown opcode (") + Bytes.hexByte(opcode) + "h)";
    }

    /**
     * The command name: the service action's name for the generic SA opcodes (9Eh -> "READ CAPACITY(16)",
     * A3h -> "REPORT SUPPORTED OPERATION CODES"), the opcode name for PERSISTENT RESERVE IN/OUT, whose
     * service actions are sub-functions of one command.
     */
    public static String name(int opcode, int serviceAction) {
        opcode &= 0xFF;
        if (opcode == Opcode.PERSISTENT_RESERVE_IN || opcode == Opcode.PERSISTENT_RESERVE_OUT || !hasServiceAction(opcode))
            return name(opcode);
        String sa = serviceActionName(opcode, serviceAction);
        return sa != null ? sa : name(opcode) + " service action " + Bytes.hexByte(serviceAction & 0x1F) + "h";
    }

    /** The command name for a CDB (see {@link #name(int, int)}); "(empty CDB)" for none. */
    public static String name(byte[] cdb) {
        if (cdb == null || cdb.length == 0) return "(empty CDB)";
        int op = cdb[0] & 0xFF;
        return hasServiceAction(op) ? name(op, cdb.length > 1 ? cdb[1] & 0x1F : 0) : name(op);
    }

    /** The service action's name ("PREEMPT AND ABORT", "READ CAPACITY(16)"), or null if unknown or not applicable. */
    public static String serviceActionName(int opcode, int serviceAction) {
        if (!hasServiceAction(opcode) || serviceAction < 0) return null;
        String[] row = SA_NAMES[opcode];
        return serviceAction < row.length ? row[serviceAction] : null;
    }

}
