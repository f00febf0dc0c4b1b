package kr.anshim.ui.backend;

import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketConnector;
import io.rsocket.core.RSocketServer;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.util.DefaultPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverTransportTest {

    private CloseableChannel server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.dispose();
        }
    }

    @Test
    void a_connection_that_cannot_reach_the_first_backend_is_made_to_the_next() throws IOException {
        InetSocketAddress down = InetSocketAddress.createUnresolved("127.0.0.1", closedPort());
        InetSocketAddress up = InetSocketAddress.createUnresolved("127.0.0.1", echoServer("second"));
        FailoverTransport transport = new FailoverTransport(List.of(down, up));

        RSocket rsocket = RSocketConnector.create()
                .reconnect(Retry.fixedDelay(5, Duration.ofMillis(50)))
                .connect(transport)
                .block(Duration.ofSeconds(10));

        assertThat(rsocket.requestResponse(DefaultPayload.create("hello")).map(Payload::getDataUtf8)
                .block(Duration.ofSeconds(10))).isEqualTo("second");
        assertThat(transport.next()).isEqualTo(up);
    }

    @Test
    void a_reachable_first_backend_is_kept() throws IOException {
        InetSocketAddress up = InetSocketAddress.createUnresolved("127.0.0.1", echoServer("first"));
        InetSocketAddress other = InetSocketAddress.createUnresolved("127.0.0.1", closedPort());
        FailoverTransport transport = new FailoverTransport(List.of(up, other));

        RSocket rsocket = RSocketConnector.create().connect(transport).block(Duration.ofSeconds(10));

        assertThat(rsocket.requestResponse(DefaultPayload.create("hello")).map(Payload::getDataUtf8)
                .block(Duration.ofSeconds(10))).isEqualTo("first");
        assertThat(transport.next()).isEqualTo(up);
    }

    @Test
    void the_other_backends_are_read_from_a_host_port_list() {
        BackendProperties properties = new BackendProperties("127.0.0.1", 7000, null, "127.0.0.1:7001, backend-3:7002");

        assertThat(properties.targets()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 7000),
                InetSocketAddress.createUnresolved("127.0.0.1", 7001), InetSocketAddress.createUnresolved("backend-3", 7002));
        assertThat(new BackendProperties("127.0.0.1", 7000, null, "").targets()).hasSize(1);
    }

    private int echoServer(String name) {
        server = RSocketServer.create(SocketAcceptor.forRequestResponse(payload -> {
                    payload.release();
                    return Mono.just(DefaultPayload.create(name));
                }))
                .bind(TcpServerTransport.create("127.0.0.1", 0))
                .block(Duration.ofSeconds(10));
        return server.address().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
