package kr.anshim.ui.backend;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the backend's RSocket server listens.
 *
 * @param host   backend host, {@code ANSHIM_BACKEND_HOST}
 * @param port   backend RSocket port, {@code ANSHIM_BACKEND_RSOCKET_PORT}
 * @param token  the UI's service token, {@code ANSHIM_UI_TOKEN}; the demo profile has its own
 * @param others more backends of one cluster, {@code host:port,host:port} ({@code ANSHIM_BACKEND_OTHERS}):
 *               a connection that cannot reach one tries the next
 */
@ConfigurationProperties("anshim.backend")
public record BackendProperties(String host, int port, String token, String others) {

    /** The first backend, then the others, in order. */
    public List<InetSocketAddress> targets() {
        List<InetSocketAddress> targets = new ArrayList<>();
        targets.add(InetSocketAddress.createUnresolved(host, port));
        if (others != null) {
            for (String other : others.split(",")) {
                String hostPort = other.strip();
                if (hostPort.isEmpty()) {
                    continue;
                }
                int colon = hostPort.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("anshim.backend.others: expected host:port, got '" + hostPort + "'");
                }
                targets.add(InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))));
            }
        }
        return List.copyOf(targets);
    }

    @Override
    public String toString() {
        return "BackendProperties[" + targets() + ", token hidden]";
    }
}
