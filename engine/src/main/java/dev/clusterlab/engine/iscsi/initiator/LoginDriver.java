package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects and logs in, driving a {@link LoginNegotiator} on the connection's event loop, then
 * hands the connection to a full-feature handler. The hand-over happens inside the read of the
 * final Login Response, so digests are on before the next byte is decoded and the handler sees
 * every full-feature PDU (RFC 7143 §13.1).
 */
final class LoginDriver {
    private LoginDriver() {}

    /** What runs the connection after login; called on the event loop. */
    interface FullFeature {
        void started(InitiatorChannel channel, LoginNegotiator.Step.Done login);

        void onPdu(InitiatorChannel channel, Pdu pdu);

        void onClosed(InitiatorChannel channel, String reason);
    }

    /** Redirections followed before giving up (a loop of redirects is a target misconfiguration). */
    private static final int MAX_REDIRECTS = 4;

    /**
     * Blocks until the login finished, following login redirections (§11.13.5 status class 1, as
     * arrays with a group portal use); throws LoginFailedException or a plain IOException saying why not.
     */
    static InitiatorChannel login(EventLoop loop, InetSocketAddress address, InitiatorIdentity identity, String targetName,
                                  InitiatorSettings settings, FullFeature next) throws IOException {
        InetSocketAddress at = address;
        for (int hops = 0; ; hops++) {
            try {
                return loginOnce(loop, at, identity, targetName, settings, next);
            } catch (LoginFailedException e) {
                if (e.redirect() == null || hops == MAX_REDIRECTS) throw e;
                at = new InetSocketAddress(e.redirect().getHostString(), e.redirect().getPort());
            }
        }
    }

    private static InitiatorChannel loginOnce(EventLoop loop, InetSocketAddress address, InitiatorIdentity identity,
                                              String targetName, InitiatorSettings settings, FullFeature next) throws IOException {
        if (loop.inEventLoop()) throw new IllegalStateException("login blocks: do not call it on the initiator's event loop");
        LoginNegotiator negotiator = new LoginNegotiator(identity, targetName, settings);
        CompletableFuture<InitiatorChannel> done = new CompletableFuture<>();
        InitiatorChannel.Listener listener = new InitiatorChannel.Listener() {
            private boolean fullFeature;

            @Override
            public void onPdu(InitiatorChannel ch, Pdu pdu) {
                if (fullFeature) {
                    next.onPdu(ch, pdu);
                    return;
                }
                if (!(pdu instanceof Pdu.LoginResponse r)) {
                    fail(ch, LoginFailedException.ours("target sent " + pdu.getClass().getSimpleName() + " during login"));
                    return;
                }
                try {
                    switch (negotiator.onResponse(r)) {
                        case LoginNegotiator.Step.Send s -> ch.send(s.request());
                        case LoginNegotiator.Step.Done d -> {
                            ch.fullFeature(d.parameters());
                            fullFeature = true;
                            next.started(ch, d);
                            done.complete(ch);
                        }
                    }
                } catch (LoginFailedException e) {
                    fail(ch, e);
                }
            }

            private void fail(InitiatorChannel ch, IOException e) {
                done.completeExceptionally(e);
                ch.close("login failed: " + e.getMessage());
            }

            @Override
            public void onClosed(InitiatorChannel ch, String reason) {
                if (fullFeature) next.onClosed(ch, reason);
                else done.completeExceptionally(new IOException("connection to " + address + " closed during login: " + reason));
            }
        };
        long timeoutMillis = settings.loginTimeout().toMillis();
        InitiatorChannel channel;
        try {
            channel = InitiatorChannel.connect(loop, address, settings.maxRecvDataSegmentLength(), (int) Math.min(timeoutMillis,
                    Integer.MAX_VALUE), listener).get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + address + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot connect to " + address + ": timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + address, e);
        }
        loop.execute(() -> channel.send(negotiator.first()));
        try {
            return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("login to " + address + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            loop.execute(() -> channel.close("login timed out"));
            throw LoginFailedException.ours("login to " + address + " timed out after " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.execute(() -> channel.close("login interrupted"));
            throw new IOException("interrupted while logging in to " + address, e);
        }
    }
}
