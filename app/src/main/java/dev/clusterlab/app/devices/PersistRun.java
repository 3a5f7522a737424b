package dev.clusterlab.app.devices;

import dev.clusterlab.engine.device.DeviceUrl;
import dev.clusterlab.engine.device.guard.DeviceGuard;
import dev.clusterlab.engine.scenario.SgPersistFormat;
import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.ScsiRequest;
import dev.clusterlab.engine.scsi.ScsiResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one checked {@link PersistRequest} the way sg_persist's main(), prin_work(), prout_work()
 * and prout_reg_move_work() do (src/sg_persist.c 0.73): the INQUIRY header, one PR command, its
 * output on stdout, diagnostics on stderr and an sg3_utils exit status.
 */
final class PersistRun {
    static final String MY_NAME = "clusterlab persist: ";
    /** sg_persist.c prin_sa_strs / prout_sa_strs: the names in "PR in (Read keys): ..." messages. */
    private static final String[] PRIN_NAMES = {"Read keys", "Read reservation", "Report capabilities", "Read full status"};
    private static final String[] PROUT_NAMES = {"Register", "Reserve", "Release", "Clear", "Preempt", "Preempt and abort",
        "Register and ignore existing key", "Register and move", "Replace lost reservation"};

    private final PersistRequest rq;
    private final PrintWriter out;
    private final PrintWriter err;
    private boolean flagged; // sg_persist's "flagged": the failure was already explained, no closing line
    private ScsiResponse pending; // a unit attention found after login: the answer the PR command would get

    PersistRun(PersistRequest request, PrintWriter out, PrintWriter err) {
        this.rq = request;
        this.out = out;
        this.err = err;
    }

    int run() {
        DeviceUrl url;
        try {
            url = DeviceUrl.parse(rq.device());
        } catch (IllegalArgumentException e) {
            err.println(MY_NAME + e.getMessage());
            return SgExitStatus.SYNTAX_ERROR;
        }
        int ret;
        DeviceGuard device;
        try {
            device = DeviceAccess.of(rq.initiatorName(), rq.isid(), rq.arm(), rq.auditLog()).open(url);
        } catch (IOException | RuntimeException e) {
            err.println(MY_NAME + (rq.inquiry() ? "error opening file (ro): " + rq.device() : "error opening file " + rq.device()
                    + " (r" + (rq.prin() != null ? "o" : "w") + ")") + ": " + withoutDevicePrefix(message(e)));
            return SgSupport.openFailureStatus(e);
        }
        try (device) {
            ret = rq.inquiry() ? inquiry(device) : 0;
            if (ret == 0) {
                pending = url instanceof DeviceUrl.Iscsi ? LoginAttentions.clear(device, this::clearedNote) : null;
                ret = rq.prin() != null ? prin(device) : prout(device);
            }
        } catch (RuntimeException e) {
            // The transport failed mid-command (connection lost, timeout): no status to categorise.
            err.println(MY_NAME + rq.device() + ": transport error: " + message(e));
            flagged = true;
            ret = SgExitStatus.TRANSPORT_ERROR;
        }
        if (ret != 0 && rq.verbose() == 0 && !flagged) {
            String name = SgExitStatus.name(ret);
            err.println(name != null ? "clusterlab persist failed: " + name : "Some error occurred [" + ret + "]");
        }
        return ret;
    }

    /** sg_simple_inquiry() then the two header lines. */
    private int inquiry(DeviceGuard device) {
        byte[] cdb = Cdbs.inquiry(36);
        cdbLine("inquiry", cdb);
        ScsiResponse r = device.execute(new ScsiRequest(cdb, null, 36));
        int cat = SgExitStatus.of(r);
        if (cat != 0 || r.dataIn() == null || r.dataIn().length < 1) {
            out.println(MY_NAME + "SCSI INQUIRY failed on " + rq.device());
            flagged = true;
            return cat != 0 ? cat : SgExitStatus.MALFORMED;
        }
        byte[] d = Arrays.copyOf(r.dataIn(), Math.max(36, r.dataIn().length));
        out.println("  " + field(d, 8, 8) + "  " + field(d, 16, 16) + "  " + field(d, 32, 4));
        out.println("  Peripheral device type: " + SgText.peripheralType(d[0] & 0x1F));
        return 0;
    }

    /** printf("%.Ns"): the bytes up to N or the first NUL. */
    private static String field(byte[] d, int off, int len) {
        int end = off;
        while (end < off + len && d[end] != 0) end++;
        return new String(d, off, end - off, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private int prin(DeviceGuard device) {
        PrInAction action = rq.prin();
        byte[] cdb = Cdbs.persistentReserveIn(action, rq.allocationLength());
        cdbLine("Persistent reservation in", cdb);
        ScsiResponse r = pending != null ? pending : device.execute(new ScsiRequest(cdb, null, rq.allocationLength()));
        int cat = SgExitStatus.of(r);
        if (cat != 0) {
            noisySense("Persistent reservation in", r, cat);
            String b = PRIN_NAMES[action.code()];
            if (cat == SgExitStatus.INVALID_OP) err.println("PR in (" + b + "): command not supported");
            else if (cat == SgExitStatus.ILLEGAL_REQUEST)
                err.println("PR in (" + b + "): bad field in cdb or parameter list (perhaps unsupported service action)");
            else err.println("PR in (" + b + "): " + SgExitStatus.categoryText(cat));
            return cat;
        }
        byte[] data = r.dataIn() == null ? new byte[0] : r.dataIn();
        byte[] buf = Arrays.copyOf(data, Math.max(rq.allocationLength(), 8));
        if (action == PrInAction.REPORT_CAPABILITIES) {
            if (buf[1] != 8) {
                err.println("Unexpected response for PRIN Report Capabilities");
                if (rq.hex() > 0) out.print(SgText.hex(buf, 0, Math.min(buf[1] & 0xFF, buf.length), 1));
                return SgExitStatus.MALFORMED;
            }
            out.print(rq.hex() > 0 ? SgText.hex(buf, 0, 8, 1) : SgPersistFormat.formatPrIn(action, data));
            return 0;
        }
        long gen = Bytes.u32(buf, 0);
        int addLen = (int) Bytes.u32(buf, 4);
        if (rq.hex() > 1) {
            out.print(SgText.hex(buf, 0, clamp(addLen + 8L, buf.length), rq.hex() == 2 ? 1 : -1));
        } else if (rq.hex() == 1) {
            out.print("  PR generation=0x" + Long.toHexString(gen) + ", ");
            if (addLen <= 0) out.print("Additional length=" + addLen + "\n");
            if (Integer.toUnsignedLong(addLen) > rq.allocationLength() - 8L) {
                out.print("Additional length too large=" + addLen + ", truncate\n");
                out.print(SgText.hex(buf, 8, Math.max(rq.allocationLength() - 8, 0), 1));
            } else {
                out.print("Additional length=" + addLen + "\n");
                out.print(SgText.hex(buf, 8, addLen, 1));
            }
        } else {
            out.print(SgPersistFormat.formatPrIn(action, data));
        }
        return 0;
    }

    private static int clamp(long v, int max) { return (int) Math.max(0, Math.min(v, max)); }

    /** prout_work() / prout_reg_move_work(): builds the parameter list exactly as sg_persist does. */
    private int prout(DeviceGuard device) {
        PrOutAction action = rq.prout();
        boolean move = action == PrOutAction.REGISTER_AND_MOVE;
        byte[] tid = rq.transportId() == null ? new byte[0] : rq.transportId();
        byte[] p;
        if (move) {
            p = new byte[24 + tid.length];
            if (rq.unreg()) p[17] |= 0x02;
            if (rq.aptpl()) p[17] |= 0x01;
            Bytes.put16(p, 18, rq.relativeTargetPort());
            if (tid.length > 0) Bytes.put32(p, 20, tid.length);
            System.arraycopy(tid, 0, p, 24, tid.length);
        } else {
            p = new byte[tid.length > 0 ? 28 + tid.length : 24];
            if (rq.allTgPt()) p[20] |= 0x04;
            if (rq.aptpl()) p[20] |= 0x01;
            if (tid.length > 0) {
                p[20] |= 0x08; // SPEC_I_PT (SPC-4 §6.16.3)
                Bytes.put32(p, 24, tid.length);
                System.arraycopy(tid, 0, p, 28, tid.length);
            }
        }
        Bytes.put64(p, 0, rq.reservationKey());
        Bytes.put64(p, 8, rq.serviceActionKey());
        byte[] cdb = Cdbs.persistentReserveOut(action, 0, rq.type(), p.length);
        cdbLine("Persistent reservation out", cdb);
        if (rq.verbose() > 1) err.print("    Persistent reservation out parameter list:\n" + SgText.hex(p, 0, p.length, -1));
        AtomicReference<String> refusal = new AtomicReference<>();
        device.onRefusal(refusal::set);
        ScsiResponse r = pending != null ? pending : device.execute(new ScsiRequest(cdb, p, 0));
        String b = move ? "register and move" : PROUT_NAMES[action.code()];
        if (refusal.get() != null) {
            // The guard kept the command from the device: say why, and how to arm, instead of "Data protect".
            err.println("PR out (" + b + "): refused by ClusterLab's safety guard, nothing was sent: " + refusal.get());
            if (rq.arm() != null && device.identity() != null && !device.identity().matches(rq.arm()))
                err.println(MY_NAME + "--arm " + rq.arm() + " does not name this device, whose identity is " + device.identity().name());
            flagged = true;
            return SgExitStatus.DATA_PROTECT;
        }
        int cat = SgExitStatus.of(r);
        if (cat != 0) {
            noisySense("Persistent reservation out", r, cat);
            if (cat == SgExitStatus.INVALID_OP) err.println("PR out (" + b + "): command not supported");
            else if (cat == SgExitStatus.ILLEGAL_REQUEST) err.println("PR out (" + b + "): bad field in cdb (perhaps unsupported service action)");
            // sg_persist.c words these two differently ("bad field parameter list" vs "bad field in parameter list"); kept as is.
            else if (cat == SgExitStatus.INVALID_PARAM) err.println("PR out (" + b + "): " + (move ? "bad field in parameter list" : "bad field parameter list"));
            else err.println("PR out (" + b + "): " + SgExitStatus.categoryText(cat));
            return cat;
        }
        if (rq.verbose() > 0) err.println(move ? "PR out (register and move): command successful" : "PR out: command (" + b + ") successful");
        return 0;
    }

    /** sg_cmds_process_helper(): with noisy set, sense that is not an expected category is printed in full. */
    private void noisySense(String leadin, ScsiResponse r, int cat) {
        boolean noisy = cat == SgExitStatus.UNIT_ATTENTION || cat == SgExitStatus.MEDIUM_HARD || cat == SgExitStatus.OTHER_SENSE;
        if (r.sense() != null && (noisy || rq.verbose() > 0)) err.print(leadin + ":\n" + SgText.sense(r.sense()));
    }

    private void clearedNote(ScsiResponse r) {
        if (rq.verbose() > 0) err.print("    cleared a unit attention of our own login (TEST UNIT READY):\n" + SgText.sense(r.sense()));
    }

    private void cdbLine(String name, byte[] cdb) {
        if (rq.verbose() > 0) err.println("    " + name + " cdb: " + HexFormat.ofDelimiter(" ").formatHex(cdb));
    }

    /** The SG_IO layer names the device in its messages; sg_persist's line already does. */
    private String withoutDevicePrefix(String m) {
        return m.startsWith(rq.device() + ": ") ? m.substring(rq.device().length() + 2) : m;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
