package kr.anshim.backend;

import io.rsocket.transport.netty.server.TcpServerTransport;
import org.springframework.boot.autoconfigure.rsocket.RSocketProperties;
import org.springframework.boot.rsocket.netty.NettyRSocketServer;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.boot.rsocket.server.RSocketServerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The RSocket TCP server with a frame limit of our own. The device contract allows 8 KiB per event;
 * 64 KiB leaves headroom for screens' commands; a snapshot (256 KiB) comes fragmented, reassembled
 * up to {@link #MAX_PAYLOAD}. Spring Boot's factory keeps the transport's 16 MiB
 * default, so one careless sender could make the server hold 16 MiB per frame (and, reassembling
 * fragments, up to 2 GiB); here a frame past the limit closes only the sender's connection, and a
 * fragmented payload past it is refused on its stream while it is reassembled.
 */
@Configuration(proxyBeanMethods = false)
public class RSocketTransportConfiguration {

    public static final int MAX_FRAME = 64 * 1024;

    /**
     * The largest payload reassembled from fragments: a door camera's snapshot (256 KiB, its header
     * line and the newline, {@link kr.anshim.api.SnapshotUpload#MAX_FRAME_DATA}) and 1 KiB of metadata.
     * No frame grows: a snapshot arrives in fragments of at most {@link #MAX_FRAME}, and every other
     * route keeps its own, smaller limit (an event 8 KiB).
     */
    public static final int MAX_PAYLOAD = kr.anshim.api.SnapshotUpload.MAX_FRAME_DATA + 1024;

    /** What one connection may hold in unfinished fragmented payloads: 16 snapshots' worth ({@link ReassemblyBudget}). */
    public static final long REASSEMBLY_BUDGET = 16L * MAX_PAYLOAD;

    /**
     * Device and screen connections get event-loop threads of their own: the database driver's
     * connections (reactor-netty's shared loops) never wait behind thousands of device frames on one
     * thread, so commits, and with them every acknowledgement, keep their pace under a flood.
     */
    @Bean(destroyMethod = "dispose")
    LoopResources rsocketLoops() {
        return LoopResources.create("anshim-rsocket", Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    }

    @Bean
    RSocketServerFactory rSocketServerFactory(RSocketProperties properties, ObjectProvider<RSocketServerCustomizer> customizers,
                                              LoopResources rsocketLoops) {
        return acceptor -> {
            io.rsocket.core.RSocketServer server = io.rsocket.core.RSocketServer.create(acceptor);
            customizers.orderedStream().forEach(customizer -> customizer.customize(server));
            InetAddress address = properties.getServer().getAddress();
            int port = properties.getServer().getPort() == null ? 0 : properties.getServer().getPort();
            TcpServer tcp = TcpServer.create().runOn(rsocketLoops).bindAddress(() -> address == null
                            ? new InetSocketAddress(port) : new InetSocketAddress(address, port))
                    .doOnConnection(OversizedFrames::guard);
            return new NettyRSocketServer(server.bind(TcpServerTransport.create(tcp, MAX_FRAME)), Duration.ofSeconds(30));
        };
    }
}
