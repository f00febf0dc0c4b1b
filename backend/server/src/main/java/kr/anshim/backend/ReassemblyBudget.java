package kr.anshim.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rsocket.exceptions.ConnectionErrorException;
import io.rsocket.frame.ErrorFrameCodec;
import io.rsocket.frame.FrameLengthCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds what one connection may hold in unfinished fragmented payloads. Raising the reassembly
 * limit for door-camera snapshots ({@link RSocketTransportConfiguration#MAX_PAYLOAD}) would otherwise
 * let a sender park up to its open-request limit times 259 KiB on the server; here the fragments a
 * connection has sent of payloads not yet complete may add up to {@code budget} bytes (default 4 MiB,
 * 16 snapshots at once), past which only that connection is closed, with an error that says why.
 * A frame that does not continue or start a fragmented payload costs one header read and two compares.
 * One instance per connection, used on its event loop only.
 */
final class ReassemblyBudget extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ReassemblyBudget.class);
    private static final int FOLLOWS = 0x80;
    private static final int REQUEST_RESPONSE = 0x04;
    private static final int REQUEST_CHANNEL = 0x07;
    private static final int CANCEL = 0x09;
    private static final int PAYLOAD = 0x0A;
    private static final int HEADER = FrameLengthCodec.FRAME_LENGTH_SIZE + 6;

    private final long budget;
    private final Map<Integer, Long> pending = new HashMap<>();
    private long held;

    ReassemblyBudget(long budget) {
        this.budget = budget;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf frame && frame.readableBytes() >= HEADER && account(frame)) {
            frame.release();
            refuse(ctx);
            return;
        }
        ctx.fireChannelRead(message);
    }

    /** True when this frame takes the connection past its budget. */
    private boolean account(ByteBuf frame) {
        int at = frame.readerIndex() + FrameLengthCodec.FRAME_LENGTH_SIZE;
        int typeAndFlags = frame.getUnsignedShort(at + 4);
        boolean follows = (typeAndFlags & FOLLOWS) != 0;
        if (!follows && pending.isEmpty()) {
            return false;
        }
        int type = typeAndFlags >>> 10;
        int stream = frame.getInt(at) & 0x7FFFFFFF;
        if (type == CANCEL || (!follows && (type == PAYLOAD || (type >= REQUEST_RESPONSE && type <= REQUEST_CHANNEL)))) {
            Long released = pending.remove(stream);
            held -= released == null ? 0 : released;
            return false;
        }
        if (!follows || !(type == PAYLOAD || (type >= REQUEST_RESPONSE && type <= REQUEST_CHANNEL))) {
            return false;
        }
        pending.merge(stream, (long) frame.readableBytes(), Long::sum);
        held += frame.readableBytes();
        return held > budget;
    }

    private void refuse(ChannelHandlerContext ctx) {
        log.warn("Closing {}: more than {} bytes of unfinished fragmented payloads", ctx.channel().remoteAddress(), budget);
        pending.clear();
        held = 0;
        ByteBuf error = ErrorFrameCodec.encode(ctx.alloc(), 0, new ConnectionErrorException("more than " + budget
                + " bytes of unfinished fragmented payloads on this connection (a snapshot may be 256 KiB; see docs/device-protocol.md);"
                + " closing this connection"));
        ctx.writeAndFlush(FrameLengthCodec.encode(ctx.alloc(), error.readableBytes(), error))
                .addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }
}
