package dev.clusterlab.engine.iscsi.initiator;

/**
 * A CHAP name and secret (RFC 7143 §12.1.3). Used twice: the credentials the initiator proves
 * itself with, and, for mutual CHAP, the name and secret the target must answer with.
 */
public record ChapCredentials(String user, String secret) {
    public ChapCredentials {
        if (user == null || user.isEmpty()) throw new IllegalArgumentException("CHAP user name is required");
        if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("CHAP secret is required");
    }

    @Override
    public String toString() { return "ChapCredentials[" + user + ":***]"; }
}
