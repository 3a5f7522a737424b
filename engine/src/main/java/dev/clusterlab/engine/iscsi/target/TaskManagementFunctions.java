package dev.clusterlab.engine.iscsi.target;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.SerialNumbers;
import dev.clusterlab.engine.target.LogicalUnit;

/**
 * Task management requests (RFC 7143 §11.5) mapped onto the logical units' SAM-5 §7 functions.
 * Commands run to completion when they arrive, so the only tasks that can be found in flight are
 * writes waiting for Data-Out and commands waiting for a CmdSN gap to fill.
 */
final class TaskManagementFunctions {
    // Functions (§11.5.1) and responses (§11.6.1).
    static final int ABORT_TASK = 1, ABORT_TASK_SET = 2, CLEAR_ACA = 3, CLEAR_TASK_SET = 4, LOGICAL_UNIT_RESET = 5,
            TARGET_WARM_RESET = 6, TARGET_COLD_RESET = 7, TASK_REASSIGN = 8;
    static final int COMPLETE = 0, NO_TASK = 1, NO_LUN = 2, REASSIGN_NOT_SUPPORTED = 4, NOT_SUPPORTED = 5;

    private final IscsiConnection conn;
    private final Session session;
    private final ScsiCommandFlow scsi;

    TaskManagementFunctions(IscsiConnection conn, Session session, ScsiCommandFlow scsi) {
        this.conn = conn;
        this.session = session;
        this.scsi = scsi;
    }

    void handle(Pdu.TaskManagementRequest t) {
        int function = t.function();
        boolean perLun = function >= ABORT_TASK && function <= LOGICAL_UNIT_RESET;
        LogicalUnit lu = perLun ? session.target().unit(LunAddress.decode(t.lun())) : null;
        int response;
        if (perLun && lu == null) response = NO_LUN;
        else response = switch (function) {
            case ABORT_TASK -> abortTask(lu, t);
            case ABORT_TASK_SET -> {
                lu.abortTaskSet(session.nexus());
                yield COMPLETE;
            }
            case CLEAR_TASK_SET -> {
                lu.clearTaskSet(session.nexus());
                yield COMPLETE;
            }
            case LOGICAL_UNIT_RESET -> {
                lu.logicalUnitReset(session.nexus());
                yield COMPLETE;
            }
            case TARGET_WARM_RESET, TARGET_COLD_RESET -> {
                for (LogicalUnit u : session.target().units()) u.targetReset(session.nexus());
                yield COMPLETE;
            }
            case TASK_REASSIGN -> REASSIGN_NOT_SUPPORTED; // needs ErrorRecoveryLevel 2
            default -> NOT_SUPPORTED; // CLEAR ACA (NACA is not supported) and undefined functions
        };
        conn.send(new Pdu.TaskManagementResponse(response, t.itt(), conn.nextStatSn(), conn.expCmdSn(), conn.maxCmdSn()));
        if (function == TARGET_COLD_RESET && response == COMPLETE) conn.dropTargetConnections(session.target());
    }

    /**
     * §11.5.1: a task that is not found but whose RefCmdSN lies in the window before this request
     * counts as received and aborted ("Function complete"); otherwise "Task does not exist".
     */
    private int abortTask(LogicalUnit lu, Pdu.TaskManagementRequest t) {
        if (scsi.abortTask(lu, t.referencedTaskTag())) return COMPLETE;
        Integer waiting = conn.window().waitingCmdSn(t.referencedTaskTag());
        if (waiting != null) return conn.abortNotRun(waiting) ? COMPLETE : NO_TASK;
        if (!t.immediate() || !SerialNumbers.lessThan(t.refCmdSn(), t.cmdSn())) return NO_TASK;
        return conn.abortNotRun(t.refCmdSn()) ? COMPLETE : NO_TASK;
    }
}
