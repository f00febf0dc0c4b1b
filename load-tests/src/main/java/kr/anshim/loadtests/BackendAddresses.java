package kr.anshim.loadtests;

import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backends of one cluster the simulator may send to: the first, then the others
 * ({@code anshim.simulator.others}, {@code host:port,host:port}), loopback only. Each (re)connect
 * goes to the next one in turn, so when an instance dies the reconnect lands on a survivor (any
 * instance is an edge).
 */
final class BackendAddresses {

    private final List<InetSocketAddress> all;
    private final AtomicInteger next = new AtomicInteger();

    BackendAddresses(String host, int port, String others) {
        List<InetSocketAddress> addresses = new ArrayList<>(List.of(loopback(host, port)));
        if (others != null) {
            for (String other : others.split(",")) {
                String hostPort = other.strip();
                if (hostPort.isEmpty()) {
                    continue;
                }
                int colon = hostPort.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("anshim.simulator.others: expected host:port, got '" + hostPort + "'");
                }
                addresses.add(loopback(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
            }
        }
        this.all = List.copyOf(addresses);
    }

    private static InetSocketAddress loopback(String host, int port) {
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("the simulator sends to loopback only, not " + host);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    List<InetSocketAddress> all() {
        return all;
    }

    /** The address the next connection goes to (the first, then each in turn). */
    InetSocketAddress next() {
        return all.get(Math.floorMod(next.getAndIncrement(), all.size()));
    }

    /** A transport whose every connect goes to {@link #next()}. */
    ClientTransport transport() {
        return () -> Mono.defer(() -> {
            InetSocketAddress address = next();
            return TcpClientTransport.create(address.getHostString(), address.getPort()).connect();
        });
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
