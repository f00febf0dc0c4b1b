package kr.anshim.backend;

import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import java.time.Duration;

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

    /** A door camera's connection that fragments its frames (16 KiB), as a snapshot (up to 256 KiB) needs. */
    public static RSocketRequester camera(RSocketStrategies strategies, int port, DemoCity.Device device) {
        return RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.device(device.id(), device.token()))
                .rsocketConnector(connector -> connector.fragment(16 * 1024))
                .tcp("127.0.0.1", port);
    }

    /**
     * A screen's connection as the UI opens it: the demo supervisor's own, signed-in connection (all
     * wards, every action, commands under the name "supervisor"). Screen routes refuse the service
     * connection; use {@link #service} for what it may still do (relay sign-in and sign-out).
     */
    public static RSocketRequester ui(RSocketStrategies strategies, int port) {
        return signedIn(strategies, port, "supervisor", "anshim-demo");
    }

    /** The UI's service connection: it may relay sign-in and sign-out, nothing else. */
    public static RSocketRequester service(RSocketStrategies strategies, int port) {
        return connect(strategies, port, ConnectionCredentials.service("ui", "demo-ui-token"));
    }

    /** Signs in over a service connection, as the UI does; the result carries the session token. */
    public static LoginResult login(RSocketStrategies strategies, int port, String username, String password) {
        RSocketRequester service = service(strategies, port);
        try {
            return service.route(Routes.LOGIN).data(new LoginRequest(username, password, "test-" + username))
                    .retrieveMono(LoginResult.class).block(Duration.ofSeconds(30));
        } finally {
            service.dispose();
        }
    }

    /** A signed-in user's own connection (demo accounts have the password {@code anshim-demo}). */
    public static RSocketRequester signedIn(RSocketStrategies strategies, int port, String username, String password) {
        LoginResult login = login(strategies, port, username, password);
        if (login == null || !login.ok()) {
            throw new AssertionError("could not sign in as " + username + ": " + (login == null ? "no answer" : login.error()));
        }
        return connect(strategies, port, ConnectionCredentials.user(username, login.token()));
    }

    public static RSocketRequester connect(RSocketStrategies strategies, int port, ConnectionCredentials credentials) {
        return RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON).setupData(credentials).tcp("127.0.0.1", port);
    }
}
