package kr.anshim.loadtests;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param host                  backend host (loopback only)
 * @param port                  backend RSocket port
 * @param others                more backends of one cluster, {@code host:port,host:port}: a lost connection reconnects to the next
 * @param rate                  device events per second, heartbeats not counted
 * @param duration              stop after this long (0 = no time limit)
 * @param count                 stop after this many events (0 = no count limit)
 * @param householdsPerThousand demo city size; must match the backend's demo seed
 * @param seed                  demo city seed; must match the backend's demo seed
 * @param heartbeatInterval     each device sends a heartbeat this often
 * @param gatewayId             the gateway the simulator connects as
 * @param gatewayToken          its token (the demo gateway's by default)
 * @param serviceToken          the demo UI service token, to sign the demo officer in for visit traffic
 */
@ConfigurationProperties("anshim.simulator")
public record SimulatorProperties(String host, int port, String others, double rate, Duration duration, long count,
                                  double householdsPerThousand, long seed, Duration heartbeatInterval,
                                  String gatewayId, String gatewayToken, String serviceToken) {

    @Override
    public String toString() {
        return "SimulatorProperties[" + host + ":" + port + (others == null || others.isBlank() ? "" : "," + others) + ", rate " + rate + ", gateway " + gatewayId + "]";
    }
}
