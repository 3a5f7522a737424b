package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.TextCodec;
import dev.clusterlab.engine.iscsi.pdu.TextCodec.KeyValue;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SendTargets discovery (RFC 7143 §11.10, Appendix C): a Discovery session, one
 * {@code SendTargets=All} text exchange — following C-bit continuations, where the target hands
 * out a Target Transfer Tag and the initiator asks for the next piece with an empty Text Request
 * (§11.10) — then logout.
 */
public final class Discovery {
    private Discovery() {}

    private static final int MAX_TEXT = 1 << 24;

    /** Lists the targets the portal at {@code address} reports to {@code identity}. */
    public static List<DiscoveredTarget> sendTargets(InetSocketAddress address, InitiatorIdentity identity,
                                                     InitiatorSettings settings) throws IOException {
        EventLoop loop = InitiatorChannel.nextLoop();
        CompletableFuture<byte[]> text = new CompletableFuture<>();
        LoginDriver.FullFeature exchange = new LoginDriver.FullFeature() {
            private final ByteArrayOutputStream received = new ByteArrayOutputStream();
            private int cmdSn, expStatSn;
            private static final int TEXT_ITT = 0x100, LOGOUT_ITT = 0x101;

            @Override
            public void started(InitiatorChannel ch, LoginNegotiator.Step.Done login) {
                cmdSn = login.cmdSn();
                expStatSn = login.expStatSn();
                ch.send(new Pdu.TextRequest(true, true, false, 0, TEXT_ITT, Pdu.RESERVED_TAG, cmdSn, expStatSn,
                        TextCodec.encode(List.of(new KeyValue("SendTargets", "All")))));
            }

            @Override
            public void onPdu(InitiatorChannel ch, Pdu pdu) {
                switch (pdu) {
                    case Pdu.TextResponse r when r.itt() == TEXT_ITT -> {
                        expStatSn = r.statSn() + 1;
                        received.write(r.data(), 0, r.data().length);
                        if (received.size() > MAX_TEXT) {
                            text.completeExceptionally(new IOException("SendTargets answer longer than " + MAX_TEXT + " bytes"));
                            ch.close("SendTargets answer too long");
                        } else if (r.continueFlag() || !r.finalFlag()) {
                            ch.send(new Pdu.TextRequest(true, true, false, 0, TEXT_ITT, r.ttt(), cmdSn, expStatSn, Pdu.NO_DATA));
                        } else {
                            text.complete(received.toByteArray());
                            ch.send(new Pdu.LogoutRequest(true, 0, LOGOUT_ITT, 0, cmdSn, expStatSn));
                            // The answer is in hand: a target that never answers the logout must not keep the socket open.
                            ch.loop().schedule(() -> ch.close("no logout response"), settings.loginTimeout().toMillis(),
                                    TimeUnit.MILLISECONDS);
                        }
                    }
                    case Pdu.LogoutResponse l -> ch.close("logged out");
                    case Pdu.NopIn n when n.itt() == Pdu.RESERVED_TAG && n.ttt() != Pdu.RESERVED_TAG ->
                            ch.send(new Pdu.NopOut(true, n.lun(), Pdu.RESERVED_TAG, n.ttt(), cmdSn, expStatSn, Pdu.NO_DATA));
                    case Pdu.Reject r -> {
                        text.completeExceptionally(new IOException("target rejected SendTargets (reason 0x" + Integer.toHexString(r.reason()) + ")"));
                        ch.close("SendTargets rejected");
                    }
                    default -> { }
                }
            }

            @Override
            public void onClosed(InitiatorChannel ch, String reason) {
                text.completeExceptionally(new IOException("discovery connection to " + address + " closed: " + reason));
            }
        };
        LoginDriver.login(loop, address, identity, null, settings, exchange);
        byte[] answer;
        try {
            answer = text.get(settings.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no SendTargets answer from " + address + " within " + settings.loginTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during discovery", e);
        }
        try {
            return parse(TextCodec.parse(answer, MAX_TEXT));
        } catch (TextCodec.TextFormatException e) {
            throw new IOException("malformed SendTargets answer from " + address + ": " + e.getMessage(), e);
        }
    }

    /** Groups TargetAddress keys under the TargetName before them (Appendix C). */
    static List<DiscoveredTarget> parse(List<KeyValue> keys) {
        List<DiscoveredTarget> out = new ArrayList<>();
        String name = null;
        List<DiscoveredTarget.Portal> portals = new ArrayList<>();
        for (KeyValue kv : keys) {
            if (kv.key().equals("TargetName")) {
                if (name != null) out.add(new DiscoveredTarget(name, portals));
                name = kv.value();
                portals = new ArrayList<>();
            } else if (kv.key().equals("TargetAddress") && name != null) {
                portals.add(DiscoveredTarget.Portal.parse(kv.value()));
            }
        }
        if (name != null) out.add(new DiscoveredTarget(name, portals));
        return out;
    }
}
