package dev.clusterlab.engine.iscsi.target;

/**
 * CHAP credentials (RFC 7143 §12.1.3). For the initiator's authentication the target checks the
 * initiator's response against {@code user}/{@code secret}; for mutual CHAP the target answers the
 * initiator's challenge with its own name and secret.
 */
public record ChapSecret(String user, String secret) {
    public ChapSecret {
        if (user == null || user.isEmpty()) throw new IllegalArgumentException("CHAP user name is required");
        if (secret == null || secret.length() < 12 || secret.length() > 16 * 1024)
            throw new IllegalArgumentException("CHAP secrets are 12 characters or longer (RFC 7143 §12.1.3)");
    }

    /** Parses "user:secret". */
    public static ChapSecret parse(String userColonSecret) {
        int c = userColonSecret.indexOf(':');
        if (c <= 0) throw new IllegalArgumentException("expected USER:SECRET, got '" + userColonSecret + "'");
        return new ChapSecret(userColonSecret.substring(0, c), userColonSecret.substring(c + 1));
    }

    @Override
    public String toString() { return "ChapSecret[" + user + ":***]"; }
}
