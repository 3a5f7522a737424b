package dev.clusterlab.engine.iscsi.initiator;

import dev.clusterlab.engine.iscsi.pdu.DecodeError;
import dev.clusterlab.engine.iscsi.pdu.Pdu;
import dev.clusterlab.engine.iscsi.pdu.PduDecoder;
import dev.clusterlab.engine.iscsi.pdu.PduEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One TCP connection to a target: the shared PDU codec in a Netty pipeline, and a listener that
 * sees every PDU and the close on the connection's event loop. Every initiator session pins itself
 * to one event loop of a small shared group, so its state needs no locks and survives reconnects
 * on the same thread.
 */
final class InitiatorChannel implements CommandTask.PduWriter {
    /** Receives a connection's PDUs and its end, always on its event loop. */
    interface Listener {
        void onPdu(InitiatorChannel channel, Pdu pdu);

        void onClosed(InitiatorChannel channel, String reason);
    }

    /** Daemon threads: an idle initiator must not keep the JVM alive. Two loops suit a lab's few sessions. */
    private static final class Group {
        static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2,
                new DefaultThreadFactory("iscsi-initiator", true), NioIoHandler.newFactory());
    }

    static EventLoop nextLoop() { return Group.LOOPS.next(); }

    private final Channel channel;
    private final PduDecoder decoder;
    private final PduEncoder encoder;
    private final Listener listener;
    private String closeReason;

    private InitiatorChannel(Channel channel, PduDecoder decoder, PduEncoder encoder, Listener listener) {
        this.channel = channel;
        this.decoder = decoder;
        this.encoder = encoder;
        this.listener = listener;
    }

    /** Connects on {@code loop}; the future completes (on the loop) once TCP is up. */
    static CompletableFuture<InitiatorChannel> connect(EventLoop loop, InetSocketAddress address, int ourMaxRecvDataSegment,
                                                       int connectTimeoutMillis, Listener listener) {
        CompletableFuture<InitiatorChannel> result = new CompletableFuture<>();
        PduDecoder decoder = new PduDecoder(ourMaxRecvDataSegment);
        PduEncoder encoder = new PduEncoder();
        InitiatorChannel[] holder = new InitiatorChannel[1];
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        holder[0] = new InitiatorChannel(ch, decoder, encoder, listener);
                        ch.pipeline().addLast(decoder, encoder, holder[0].new Inbound());
                    }
                });
        ChannelFuture f = b.connect(address);
        f.addListener(done -> {
            if (done.isSuccess()) result.complete(holder[0]);
            else result.completeExceptionally(done.cause());
        });
        return result;
    }

    private final class Inbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            switch (msg) {
                case Pdu p -> listener.onPdu(InitiatorChannel.this, p);
                // ERL 0 (RFC 7143 §7): any damaged PDU, even a data digest error, ends the connection.
                case DecodeError e -> close("bad PDU from target: " + e.detail());
                default -> ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onClosed(InitiatorChannel.this, closeReason == null ? "connection closed by the target" : closeReason);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            close("connection error: " + cause.getMessage());
        }
    }

    EventLoop loop() { return channel.eventLoop(); }

    boolean isOpen() { return channel.isActive(); }

    /** Called on the loop right after the final login response: digests apply from the next PDU (§13.1). */
    void fullFeature(SessionParameters p) {
        decoder.digests(p.headerDigest(), p.dataDigest());
        encoder.digests(p.headerDigest(), p.dataDigest());
        decoder.maxDataSegment(p.ourMaxRecvDataSegmentLength());
    }

    void send(Pdu pdu) { channel.writeAndFlush(pdu, channel.voidPromise()); }

    @Override
    public void write(Pdu pdu) { channel.write(pdu, channel.voidPromise()); }

    @Override
    public void flush() { channel.flush(); }

    /** Closes the connection; the listener hears {@code reason} (the first reason given wins). */
    void close(String reason) {
        if (closeReason == null) closeReason = reason;
        channel.close();
    }

    String remote() { return String.valueOf(channel.remoteAddress()); }
}
