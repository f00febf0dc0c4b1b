package kr.anshim.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.rsocket.exceptions.ConnectionErrorException;
import io.rsocket.frame.ErrorFrameCodec;
import io.rsocket.frame.FrameLengthCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.Connection;

/**
 * Answers a frame over {@link RSocketTransportConfiguration#MAX_FRAME} with a connection error
 * that says why, then closes that connection. Without it the transport's decoder would discard the
 * frame silently and the sender would wait forever. Only the sender's own connection ends.
 */
@ChannelHandler.Sharable
final class OversizedFrames extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OversizedFrames.class);
    private static final OversizedFrames INSTANCE = new OversizedFrames();
    private static final String CODEC = "RSocketLengthCodec";

    private OversizedFrames() {
    }

    /** Installs the guard right after RSocket's length decoder, once the transport has added it. */
    static void guard(Connection connection) {
        guard(connection, RSocketTransportConfiguration.REASSEMBLY_BUDGET);
    }

    /** The guard and, after it, the connection's own {@link ReassemblyBudget} of {@code reassemblyBudget} bytes. */
    static void guard(Connection connection, long reassemblyBudget) {
        connection.channel().eventLoop().execute(() -> {
            ChannelPipeline pipeline = connection.channel().pipeline();
            if (pipeline.get(CODEC) != null && pipeline.get(OversizedFrames.class) == null) {
                pipeline.addAfter(CODEC, "anshimOversizedFrames", INSTANCE);
                pipeline.addAfter("anshimOversizedFrames", "anshimReassemblyBudget", new ReassemblyBudget(reassemblyBudget));
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof TooLongFrameException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("Closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
        ByteBuf error = ErrorFrameCodec.encode(ctx.alloc(), 0, new ConnectionErrorException("a frame is over the "
                + RSocketTransportConfiguration.MAX_FRAME + "-byte limit (an event may be 8 KiB; see docs/device-protocol.md);"
                + " closing this connection"));
        ctx.writeAndFlush(FrameLengthCodec.encode(ctx.alloc(), error.readableBytes(), error))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
