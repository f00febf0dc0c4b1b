package kr.anshim.backend;

import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

/** Real RSocket client connections, each from a fresh builder (builders are mutable), to the backend under test, with the demo profile's credentials. */
public final class TestConnections {

    private TestConnections() {
    }

    public static RSocketRequester gateway(RSocketStrategies strategies, int port) {
        return connect(strategies, port, ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID,
                DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)));
    }

    public static RSocketRequester device(RSocketStrategies strategies, int port, DemoCity.Device device) {
        return connect(strategies, port, ConnectionCredentials.device(device.id(), device.token()));
    }

    public static RSocketRequester ui(RSocketStrategies strategies, int port) {
        return connect(strategies, port, ConnectionCredentials.service("ui", "demo-ui-token"));
    }

    public static RSocketRequester connect(RSocketStrategies strategies, int port, ConnectionCredentials credentials) {
        return RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON).setupData(credentials).tcp("127.0.0.1", port);
    }
}
