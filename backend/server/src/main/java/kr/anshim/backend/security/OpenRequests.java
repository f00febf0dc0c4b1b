package kr.anshim.backend.security;

import io.netty.buffer.ByteBuf;
import io.rsocket.RSocket;
import io.rsocket.frame.FrameType;
import io.rsocket.plugins.RequestInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts one connection's open requests, from their first frame: RSocket calls {@code onStart}
 * before it reassembles a fragmented request, so unfinished fragments count too. Past the limit
 * the connection is closed: each unfinished request may hold up to a 64 KiB frame, and a sender
 * that opens thousands and never finishes them must not hold the server's memory.
 */
final class OpenRequests implements RequestInterceptor {

    private static final Logger log = LoggerFactory.getLogger(OpenRequests.class);

    private final int limit;
    private final RSocket connection;
    private final Set<Integer> open = ConcurrentHashMap.newKeySet();

    OpenRequests(int limit, RSocket connection) {
        this.limit = limit;
        this.connection = connection;
    }

    @Override
    public void onStart(int streamId, FrameType requestType, ByteBuf metadata) {
        if (requestType == FrameType.REQUEST_FNF) {
            return;
        }
        open.add(streamId);
        if (open.size() > limit) {
            log.warn("Closing a connection with more than {} open requests (unfinished fragments included)", limit);
            connection.dispose();
        }
    }

    @Override
    public void onTerminate(int streamId, FrameType requestType, Throwable cause) {
        open.remove(streamId);
    }

    @Override
    public void onCancel(int streamId, FrameType requestType) {
        open.remove(streamId);
    }

    @Override
    public void onReject(Throwable rejection, FrameType requestType, ByteBuf metadata) {
    }

    @Override
    public void dispose() {
        open.clear();
    }

    int size() {
        return open.size();
    }
}
