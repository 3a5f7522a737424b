package dev.clusterlab.app.devices;

import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clusterlab persist}: sg_persist (sg3_utils 0.73) over any device URL. Options, checks,
 * messages and exit statuses follow src/sg_persist.c main(); the work is done by {@link PersistRun}.
 */
@Command(name = "persist", exitCodeOnInvalidInput = SgExitStatus.SYNTAX_ERROR, exitCodeOnExecutionException = SgExitStatus.OTHER,
        sortOptions = false,
        description = {"sg_persist over any device URL: iscsi://host[:port]/target-iqn/lun or sg:///dev/sgN.",
                "'clusterlab persist DEVICE' does a PR In Read Keys.",
                "State-changing commands need --arm IDENTITY (what 'clusterlab devices URL' prints)",
                "and are written to the audit log.",
                "Exit status as sg3_utils: 0 ok, 1 syntax, 5 illegal request, 6 unit attention,",
                "7 data protect or refused unarmed, 24 reservation conflict, 31 contradicting options."})
public final class PersistCommand implements Callable<Integer> {
    static final String VERSION = "0.73 20230622 (sg_persist-compatible, ClusterLab)";
    static final int MAX_ALLOC = 8192;

    // ---------------------------------------------------------------- sg_persist's options
    @Parameters(arity = "0..*", paramLabel = "DEVICE", description = "Device URL (iscsi://... or sg:///dev/sgN).")
    List<String> positional = new ArrayList<>();
    @Option(names = {"-d", "--device"}, paramLabel = "DEVICE", description = "Supply DEVICE as an option rather than an argument.")
    String device;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this usage message.")
    boolean help;
    @Option(names = {"-V", "--version"}, description = "Print the version string.")
    boolean version;
    @Option(names = {"-i", "--in"}, description = "Request PR In command (default).")
    boolean wantIn;
    @Option(names = {"-o", "--out"}, description = "Request PR Out command.")
    boolean wantOut;
    @Option(names = {"-H", "--hex"}, description = "Output response in hex (PR In); twice: whole response, thrice: no address.")
    boolean[] hex = new boolean[0];
    @Option(names = {"-v", "--verbose"}, description = "Output additional debug information (CDBs, success lines).")
    boolean[] verbose = new boolean[0];
    @Option(names = {"-n", "--no-inquiry", "--no_inquiry"}, description = "Skip INQUIRY (default: do INQUIRY).")
    boolean noInquiry;
    @Option(names = {"-y", "--readonly"}, description = "Accepted for compatibility (open read-only has no meaning for iSCSI).")
    boolean[] readonly = new boolean[0];
    @Option(names = {"-m", "--maxlen"}, paramLabel = "LEN", description = "Allocation length in decimal (def: 8192, 8k, 2000h).")
    String maxlen;
    @Option(names = {"-l", "--alloc-length", "--alloc_length"}, paramLabel = "LEN", description = "Allocation length in hex.")
    String allocLength;
    @Option(names = {"-K", "--param-rk", "--param_rk"}, paramLabel = "RK", description = "PR Out parameter reservation key (hex).")
    String paramRk;
    @Option(names = {"-S", "--param-sark", "--param_sark"}, paramLabel = "SARK", description = "PR Out service action reservation key (hex).")
    String paramSark;
    @Option(names = {"-T", "--prout-type", "--prout_type"}, paramLabel = "TYPE",
            description = "PR Out TYPE: 1 WE, 3 EA, 5 WE RO, 6 EA RO, 7 WE AR, 8 EA AR.")
    String proutType;
    @Option(names = {"-Z", "--param-aptpl", "--param_aptpl"}, description = "PR Out parameter 'APTPL'.")
    boolean paramAptpl;
    @Option(names = {"-Y", "--param-alltgpt", "--param_alltgpt"}, description = "PR Out parameter 'ALL_TG_PT'.")
    boolean paramAllTgPt;
    @Option(names = {"-X", "--transport-id", "--transport_id"}, paramLabel = "TIDS",
            description = "TransportID: iqn.NAME, iqn.NAME,i,0xISID, sas,HEX16, fcp,HEX16 or hex bytes.")
    String transportId;
    @Option(names = {"-Q", "--relative-target-port", "--relative_target_port"}, paramLabel = "RTPI",
            description = "Relative target port identifier (hex), for --register-move.")
    String relativeTargetPort;
    @Option(names = {"-U", "--unreg", "--param-unreg", "--param_unreg"}, description = "Optional with PR Out Register and Move.")
    boolean unreg;

    // ---------------------------------------------------------------- ClusterLab's own
    @Option(names = "--initiator-name", paramLabel = "IQN",
            description = "iSCSI initiator name to speak as (the I_T nexus); default " + DeviceAccess.DEFAULT_INITIATOR + ".")
    String initiatorName;
    @Option(names = "--isid", paramLabel = "HEX", description = "ISID of the session (hex, 48 bits); default 400000000001.")
    String isid;
    @Option(names = "--arm", paramLabel = "IDENTITY", description = "Arm the device with this identity (naa./eui.) for this invocation.")
    String arm;
    @Option(names = "--audit-log", paramLabel = "FILE", description = "Audit log file (default: $CLUSTERLAB_AUDIT_LOG or ~/.local/state/clusterlab/audit.log).")
    Path auditLog;

    @Spec
    CommandSpec spec;

    // Service actions in the order given; sg_persist counts them to refuse ambiguous requests.
    private final List<PrInAction> prinActions = new ArrayList<>();
    private final List<PrOutAction> proutActions = new ArrayList<>();
    private int exit; // the status when validate() stops the invocation

    @Option(names = {"-k", "--read-keys", "--read_keys"}, description = "PR In: Read Keys (default).")
    void readKeys(boolean on) { prinActions.add(PrInAction.READ_KEYS); }
    @Option(names = {"-r", "--read-reservation", "--read_reservation"}, description = "PR In: Read Reservation.")
    void readReservation(boolean on) { prinActions.add(PrInAction.READ_RESERVATION); }
    @Option(names = {"-s", "--read-full-status", "--read_full_status", "--read-status", "--read_status"}, description = "PR In: Read Full Status.")
    void readFullStatus(boolean on) { prinActions.add(PrInAction.READ_FULL_STATUS); }
    @Option(names = {"-c", "--report-capabilities", "--report_capabilities"}, description = "PR In: Report Capabilities.")
    void reportCapabilities(boolean on) { prinActions.add(PrInAction.REPORT_CAPABILITIES); }
    @Option(names = {"-G", "--register"}, description = "PR Out: Register.")
    void register(boolean on) { proutActions.add(PrOutAction.REGISTER); }
    @Option(names = {"-I", "--register-ignore", "--register_ignore"}, description = "PR Out: Register and Ignore.")
    void registerIgnore(boolean on) { proutActions.add(PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY); }
    @Option(names = {"-M", "--register-move", "--register_move"}, description = "PR Out: Register and Move.")
    void registerMove(boolean on) { proutActions.add(PrOutAction.REGISTER_AND_MOVE); }
    @Option(names = {"-R", "--reserve"}, description = "PR Out: Reserve.")
    void reserve(boolean on) { proutActions.add(PrOutAction.RESERVE); }
    @Option(names = {"-L", "--release"}, description = "PR Out: Release.")
    void release(boolean on) { proutActions.add(PrOutAction.RELEASE); }
    @Option(names = {"-C", "--clear"}, description = "PR Out: Clear.")
    void clear(boolean on) { proutActions.add(PrOutAction.CLEAR); }
    @Option(names = {"-P", "--preempt"}, description = "PR Out: Preempt.")
    void preempt(boolean on) { proutActions.add(PrOutAction.PREEMPT); }
    @Option(names = {"-A", "--preempt-abort", "--preempt_abort"}, description = "PR Out: Preempt and Abort.")
    void preemptAbort(boolean on) { proutActions.add(PrOutAction.PREEMPT_AND_ABORT); }
    @Option(names = {"-z", "--replace-lost", "--replace_lost"}, description = "PR Out: Replace Lost Reservation.")
    void replaceLost(boolean on) { proutActions.add(PrOutAction.REPLACE_LOST_RESERVATION); }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PersistRequest request = validate(err);
            if (request == null) return exit;
            return new PersistRun(request, out, err).run();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** main()'s checks, in its order; null with {@link #exit} set when the invocation stops here. */
    private PersistRequest validate(PrintWriter err) {
        int numProutParam = 0;
        long rk = 0, sark = 0, rtp = 0;
        int type = 0, alloc = MAX_ALLOC;
        byte[] tid = null;
        try {
            if (paramRk != null) { rk = hex64(paramRk, "--param-rk"); numProutParam++; }
            if (paramSark != null) { sark = hex64(paramSark, "--param-sark"); numProutParam++; }
            if (proutType != null) { type = (int) hex64(proutType, "--prout-type"); numProutParam++; }
            if (relativeTargetPort != null) {
                rtp = hex64(relativeTargetPort, "--relative-target-port");
                if (rtp > 0xFFFF) throw new BadArgument("argument to '--relative-target-port' 0 to ffff inclusive");
                numProutParam++;
            }
            if (maxlen != null) alloc = maxlen(maxlen, "maxlen", true);
            if (allocLength != null) alloc = maxlen(allocLength, "alloc-length", false);
            if (transportId != null) {
                try {
                    tid = TransportIdArgument.parse(transportId);
                } catch (TransportIdArgument.BadTransportId e) {
                    err.println(e.getMessage());
                    throw new BadArgument("bad argument to '--transport-id'");
                }
                numProutParam++;
            }
            if (isid != null) hex64(isid, "--isid");
        } catch (BadArgument e) {
            err.println(e.getMessage());
            return stop(SgExitStatus.SYNTAX_ERROR);
        }
        String deviceName = device;
        List<String> extra = new ArrayList<>(positional);
        if (deviceName == null && !extra.isEmpty()) deviceName = extra.remove(0);
        if (!extra.isEmpty()) {
            for (String e : extra) err.println("Unexpected extra argument: " + e);
            return usage(err, SgExitStatus.SYNTAX_ERROR);
        }
        if (version) {
            err.println("version: " + VERSION);
            return stop(SgExitStatus.OK);
        }
        if (deviceName == null) {
            err.println("No device name given");
            return usage(err, SgExitStatus.SYNTAX_ERROR);
        }
        PrInAction prin = null;
        PrOutAction prout = null;
        if (wantOut && wantIn) {
            err.println("choose '--in' _or_ '--out' (not both)");
            return usage(err, SgExitStatus.CONTRADICT);
        } else if (wantOut) {
            if (proutActions.size() != 1 || !prinActions.isEmpty()) {
                err.println(">> For Persistent Reserve Out one and only one appropriate\n>> service action must be chosen (e.g. '--register')");
                return stop(SgExitStatus.CONTRADICT);
            }
            prout = proutActions.get(0);
        } else {
            if (!proutActions.isEmpty()) {
                err.println(">> When a service action for Persistent Reserve Out is chosen the\n>> '--out' option must be given (as a safeguard)");
                return stop(SgExitStatus.CONTRADICT);
            }
            if (prinActions.isEmpty()) {
                err.println(">> No service action given; assume Persistent Reserve In command\n>> with Read Keys service action");
                prin = PrInAction.READ_KEYS;
            } else if (prinActions.size() > 1) {
                err.println("Too many service actions given; choose one only");
                return usage(err, SgExitStatus.CONTRADICT);
            } else {
                prin = prinActions.get(0);
            }
        }
        if ((unreg || rtp != 0) && prout != PrOutAction.REGISTER_AND_MOVE) {
            err.println("--unreg or --relative-target-port only useful with --register-move");
            return usage(err, SgExitStatus.CONTRADICT);
        }
        if (prout == PrOutAction.REGISTER_AND_MOVE && tid == null) {
            err.println("with --register-move one (and only one) --transport-id should be given");
            return usage(err, SgExitStatus.CONTRADICT);
        }
        if ((prout == PrOutAction.RESERVE || prout == PrOutAction.RELEASE || prout == PrOutAction.PREEMPT
                || prout == PrOutAction.PREEMPT_AND_ABORT) && type == 0) {
            err.println("warning>>> --prout-type probably needs to be given");
        }
        if (verbose.length > 2) err.println("Number of PROUT parameters: " + numProutParam);
        return new PersistRequest(deviceName, prin, prout, rk, sark, type, paramAllTgPt, paramAptpl, unreg, (int) rtp, tid, alloc,
                hex.length, verbose.length, !noInquiry, initiatorName, isid == null ? null : Long.parseUnsignedLong(strip0x(isid), 16),
                arm, auditLog);
    }

    private PersistRequest stop(int status) {
        exit = status;
        return null;
    }

    private PersistRequest usage(PrintWriter err, int status) {
        spec.commandLine().usage(err);
        return stop(status);
    }

    private static final class BadArgument extends Exception {
        BadArgument(String message) { super(message); }
    }

    /** sscanf("%" SCNx64): hex digits with an optional 0x; anything else is "bad argument to 'OPTION'". */
    private static long hex64(String s, String option) throws BadArgument {
        String t = strip0x(s.strip());
        if (t.isEmpty() || t.length() > 16) throw new BadArgument("bad argument to '" + option + "'");
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            throw new BadArgument("bad argument to '" + option + "'");
        }
    }

    private static String strip0x(String s) { return s.regionMatches(true, 0, "0x", 0, 2) ? s.substring(2) : s; }

    /** sg_get_num() for --maxlen (decimal, 0x.. or ..h hex, k/m suffix), sscanf("%x") for --alloc-length; at most 8192. */
    private static int maxlen(String s, String option, boolean decimal) throws BadArgument {
        long v;
        try {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            if (!decimal) v = Long.parseLong(strip0x(t), 16);
            else if (t.startsWith("0x")) v = Long.parseLong(t.substring(2), 16);
            else if (t.endsWith("h")) v = Long.parseLong(t.substring(0, t.length() - 1), 16);
            else if (t.endsWith("k")) v = Long.parseLong(t.substring(0, t.length() - 1)) * 1024;
            else if (t.endsWith("m")) v = Long.parseLong(t.substring(0, t.length() - 1)) * 1024 * 1024;
            else v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new BadArgument("bad argument to '--" + option + "'");
        }
        if (v < 0) throw new BadArgument("bad argument to '--" + option + "'");
        if (v > MAX_ALLOC) throw new BadArgument("'--" + option + "' argument exceeds maximum value (" + MAX_ALLOC + ")");
        return (int) v;
    }
}
