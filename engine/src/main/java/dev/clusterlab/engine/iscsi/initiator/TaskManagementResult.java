package dev.clusterlab.engine.iscsi.initiator;

/** The Response field of a Task Management Function Response (RFC 7143 §11.6.1). */
public enum TaskManagementResult {
    FUNCTION_COMPLETE(0),
    TASK_DOES_NOT_EXIST(1),
    LUN_DOES_NOT_EXIST(2),
    TASK_STILL_ALLOCATED(3),
    TASK_REASSIGNMENT_NOT_SUPPORTED(4),
    FUNCTION_NOT_SUPPORTED(5),
    AUTHORIZATION_FAILED(6),
    FUNCTION_REJECTED(255);

    private final int code;

    TaskManagementResult(int code) { this.code = code; }

    public int code() { return code; }

    static TaskManagementResult of(int code) {
        for (TaskManagementResult r : values()) if (r.code == code) return r;
        return FUNCTION_REJECTED;
    }
}
