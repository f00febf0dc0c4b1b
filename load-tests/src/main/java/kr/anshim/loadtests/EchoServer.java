package kr.anshim.loadtests;

import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketServer;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.util.DefaultPayload;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;

/**
 * The baseline every load figure is quoted against: a bare RSocket server in the load run's own
 * JVM, on loopback, that answers each event on a channel at once with an acknowledgement naming
 * its id. No validation, no storage: what the transport and the client cost on this machine.
 */
final class EchoServer {

    private static final String PREFIX = "{\"eventId\":\"";

    private EchoServer() {
    }

    /** Starts the echo server on 127.0.0.1 and a free port; it lives until the JVM exits. */
    static int start() {
        CloseableChannel channel = RSocketServer.create(SocketAcceptor.with(new RSocket() {
                    @Override
                    public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
                        return Flux.from(payloads).map(EchoServer::ack);
                    }
                }))
                .bind(TcpServerTransport.create("127.0.0.1", 0))
                .block();
        return channel.address().getPort();
    }

    private static Payload ack(Payload event) {
        try {
            String data = event.getDataUtf8();
            int at = data.indexOf(PREFIX);
            String id = at < 0 ? null : data.substring(at + PREFIX.length(), at + PREFIX.length() + 36);
            return DefaultPayload.create((id == null ? "{\"outcome\":\"REJECTED\"}"
                    : "{\"eventId\":\"" + id + "\",\"outcome\":\"STORED\"}").getBytes(StandardCharsets.UTF_8));
        } finally {
            event.release();
        }
    }
}
