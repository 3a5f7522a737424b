package dev.clusterlab.engine.iscsi.initiator;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A LUN address in libiscsi's URL form: {@code iscsi://[user[%secret]@]host[:port]/target-iqn/lun}.
 * The port defaults to 3260 (the IANA-registered iSCSI port); IPv6 hosts go in brackets. As in
 * libiscsi, '%' separates the CHAP user from the secret because ':' already separates host and port.
 *
 * @param chap CHAP credentials from the user-info part, or null when the URL has none
 */
public record IscsiUrl(String host, int port, String targetName, int lun, ChapCredentials chap) {
    public static final int DEFAULT_PORT = 3260;
    /** LUNs up to 16383 fit the flat space addressing we encode (SAM-5 LUN formats). */
    public static final int MAX_LUN = 0x3FFF;

    public IscsiUrl {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("iSCSI URL needs a host");
        if (port < 1 || port > 0xFFFF) throw new IllegalArgumentException("port " + port + " is not 1..65535");
        if (targetName == null || targetName.isEmpty()) throw new IllegalArgumentException("iSCSI URL needs a target name");
        if (lun < 0 || lun > MAX_LUN) throw new IllegalArgumentException("LUN " + lun + " is not 0.." + MAX_LUN);
    }

    /** Parses {@code iscsi://[user%secret@]host[:port]/target-iqn/lun}; throws IllegalArgumentException saying what is wrong. */
    public static IscsiUrl parse(String url) {
        final String scheme = "iscsi://";
        if (url == null || !url.regionMatches(true, 0, scheme, 0, scheme.length()))
            throw new IllegalArgumentException("not an iSCSI URL (expected iscsi://[user%secret@]host[:port]/target-iqn/lun): " + url);
        String rest = url.substring(scheme.length());
        ChapCredentials chap = null;
        int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int pct = userInfo.indexOf('%');
            if (pct <= 0 || pct == userInfo.length() - 1)
                throw new IllegalArgumentException("CHAP credentials must be written user%secret: " + url);
            chap = new ChapCredentials(decode(userInfo.substring(0, pct)), decode(userInfo.substring(pct + 1)));
        }
        int slash = rest.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("iSCSI URL lacks /target-iqn/lun: " + url);
        String hostPort = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("unterminated IPv6 address in " + url);
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw new IllegalArgumentException("junk after IPv6 address in " + url);
                port = number(after.substring(1), "port", url);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) port = number(hostPort.substring(colon + 1), "port", url);
        }
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash <= 0) throw new IllegalArgumentException("iSCSI URL lacks /target-iqn/lun: " + url);
        String target = decode(path.substring(0, lastSlash));
        int lun = number(path.substring(lastSlash + 1), "LUN", url);
        return new IscsiUrl(host, port, target, lun, chap);
    }

    private static int number(String s, String what, String url) {
        if (s.isEmpty() || s.length() > 5) throw new IllegalArgumentException("invalid " + what + " '" + s + "' in " + url);
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("invalid " + what + " '" + s + "' in " + url);
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String decode(String s) { return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8); }

    public InetSocketAddress address() { return new InetSocketAddress(host, port); }

    /** The URL without credentials (safe to log). */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "iscsi://" + h + ":" + port + "/" + targetName + "/" + lun;
    }
}
