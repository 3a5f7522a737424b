package dev.clusterlab.engine.iscsi.initiator;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The target refused the login (RFC 7143 §11.13.5 status class and detail), or the initiator gave
 * up on it (bad answer, mutual CHAP mismatch). {@code statusClass} is -1 when the refusal is ours.
 */
public final class LoginFailedException extends IOException {
    private final int statusClass;
    private final int statusDetail;
    private final InetSocketAddress redirect;

    public LoginFailedException(int statusClass, int statusDetail, String message) {
        this(statusClass, statusDetail, message, null);
    }

    private LoginFailedException(int statusClass, int statusDetail, String message, InetSocketAddress redirect) {
        super(message);
        this.statusClass = statusClass;
        this.statusDetail = statusDetail;
        this.redirect = redirect;
    }

    /** Status class 1 (§11.13.5): the target moved; log in at {@code to} instead. */
    static LoginFailedException redirected(int statusDetail, String target, InetSocketAddress to) {
        return new LoginFailedException(1, statusDetail, "login to " + target + " redirected to " + to, to);
    }

    /** Where a redirection (status class 1) sends us, or null. */
    public InetSocketAddress redirect() { return redirect; }

    static LoginFailedException fromStatus(int statusClass, int statusDetail, String target) {
        return new LoginFailedException(statusClass, statusDetail, "login to " + target + " refused: "
                + describe(statusClass, statusDetail) + " (status 0x" + hex2(statusClass) + hex2(statusDetail) + ")");
    }

    static LoginFailedException ours(String message) { return new LoginFailedException(-1, -1, message); }

    public int statusClass() { return statusClass; }

    public int statusDetail() { return statusDetail; }

    /** True for status 0x0201: CHAP name or secret wrong, or authentication required but not offered. */
    public boolean isAuthenticationFailure() { return statusClass == 2 && statusDetail == 1; }

    private static String hex2(int b) { return b < 16 ? "0" + Integer.toHexString(b) : Integer.toHexString(b); }

    /** RFC 7143 §11.13.5 in words. */
    static String describe(int statusClass, int detail) {
        return switch (statusClass) {
            case 1 -> "target moved (redirection), see TargetAddress";
            case 2 -> switch (detail) {
                case 0x01 -> "authentication failed (wrong CHAP user or secret, or authentication required)";
                case 0x02 -> "initiator not authorized for this target";
                case 0x03 -> "target not found";
                case 0x04 -> "target removed";
                case 0x05 -> "unsupported iSCSI version";
                case 0x06 -> "too many connections";
                case 0x07 -> "missing parameter";
                case 0x08 -> "cannot include connection in session";
                case 0x09 -> "session type not supported";
                case 0x0A -> "session does not exist";
                case 0x0B -> "invalid request during login";
                default -> "initiator error";
            };
            case 3 -> switch (detail) {
                case 0x01 -> "target error, service unavailable";
                case 0x02 -> "target out of resources";
                default -> "target error";
            };
            default -> "unknown status class";
        };
    }
}
