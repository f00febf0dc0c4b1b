package kr.anshim.ui.backend;

import io.rsocket.DuplexConnection;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connects to the backend it last reached; if that fails (the instance is down), the next
 * connection attempt goes to the next backend of the cluster. With the connector's reconnect this
 * moves a screen's connection to a surviving instance; the screen resubscribes and gets a fresh
 * snapshot (docs/live-feed.md), so nothing is missed.
 */
final class FailoverTransport implements ClientTransport {

    private final List<InetSocketAddress> targets;
    private final AtomicInteger current = new AtomicInteger();

    FailoverTransport(List<InetSocketAddress> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no backend to connect to");
        }
        this.targets = List.copyOf(targets);
    }

    @Override
    public Mono<DuplexConnection> connect() {
        return Mono.defer(() -> {
            int index = current.get();
            InetSocketAddress target = targets.get(Math.floorMod(index, targets.size()));
            return TcpClientTransport.create(target.getHostString(), target.getPort()).connect()
                    .doOnError(error -> current.compareAndSet(index, index + 1));
        });
    }

    /** The backend the next connection goes to. */
    InetSocketAddress next() {
        return targets.get(Math.floorMod(current.get(), targets.size()));
    }
}
