package kr.anshim.backend.security;

import io.rsocket.exceptions.RejectedSetupException;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.LoginResult;
import kr.anshim.api.LogoutRequest;
import kr.anshim.api.Routes;
import kr.anshim.api.SessionView;
import kr.anshim.api.UserAccount;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions are the single truth for user connections: when a session ends (sign-out, an admin,
 * expiry), the user is deactivated or their role changes, their open connections are closed within
 * five seconds, while everybody else's keep working.
 */
@BackendIT
class SessionRevocationIT {

    private static final Duration CUT = Duration.ofSeconds(5);
    private static final String PASSWORD = "revocation-secret-1";

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    kr.anshim.backend.storage.ScreenDatabase screens;

    RSocketRequester admin;
    RSocketRequester control;
    final List<Disposable> streams = new ArrayList<>();

    @BeforeEach
    void connect() {
        admin = TestConnections.signedIn(strategies, port, "admin", "anshim-demo");
        control = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        streams.forEach(Disposable::dispose);
        admin.dispose();
        control.dispose();
    }

    @Test
    void deactivating_a_user_cuts_their_open_connection_and_not_anyone_elses() {
        String name = operator();
        RSocketRequester victim = TestConnections.signedIn(strategies, port, name, PASSWORD);
        AtomicBoolean victimEnded = watch(victim);
        AtomicBoolean controlEnded = watch(control);
        assertWorks(victim);

        save(new UserAccount(name, "해지 대상", "OPERATOR", List.of("11440"), false, null));

        await().atMost(CUT).untilTrue(victimEnded);
        refused(victim);
        assertThat(controlEnded).as("a still-valid user's stream").isFalse();
        assertWorks(control);
    }

    @Test
    void a_role_change_cuts_the_open_connection() {
        String name = operator();
        RSocketRequester user = TestConnections.signedIn(strategies, port, name, PASSWORD);
        AtomicBoolean ended = watch(user);
        AtomicBoolean controlEnded = watch(control);
        assertWorks(user);

        save(new UserAccount(name, "역할 변경", "POLICE_LIAISON", List.of("11440"), true, null));

        await().atMost(CUT).untilTrue(ended);
        assertThat(controlEnded).isFalse();
        assertWorks(control);
    }

    @Test
    void signing_out_ends_the_session_and_cuts_its_connections() {
        String name = operator();
        LoginResult login = TestConnections.login(strategies, port, name, PASSWORD);
        RSocketRequester user = TestConnections.connect(strategies, port, ConnectionCredentials.user(name, login.token()));
        AtomicBoolean ended = watch(user);
        AtomicBoolean controlEnded = watch(control);
        assertWorks(user);

        RSocketRequester service = TestConnections.service(strategies, port);
        service.route(Routes.LOGOUT).data(new LogoutRequest(name, login.token())).retrieveMono(Void.class)
                .block(Duration.ofSeconds(10));
        service.dispose();

        await().atMost(CUT).untilTrue(ended);
        RSocketRequester again = TestConnections.connect(strategies, port, ConnectionCredentials.user(name, login.token()));
        StepVerifier.create(again.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class))
                .expectError(RejectedSetupException.class).verify(Duration.ofSeconds(10));
        assertThat(controlEnded).isFalse();
        assertWorks(control);
    }

    @Test
    void an_expired_session_is_cut_while_open() {
        String name = operator();
        LoginResult login = TestConnections.login(strategies, port, name, PASSWORD);
        RSocketRequester user = TestConnections.connect(strategies, port, ConnectionCredentials.user(name, login.token()));
        AtomicBoolean ended = watch(user);
        AtomicBoolean controlEnded = watch(control);
        assertWorks(user);

        screens.client().sql("update user_session set expires_at = now() - interval '1 second' where username = $1")
                .bind(0, name).then().block(Duration.ofSeconds(10));

        await().atMost(CUT).untilTrue(ended);
        assertThat(controlEnded).isFalse();
        assertWorks(control);
    }

    @Test
    void an_admin_lists_and_ends_a_session() {
        String name = operator();
        RSocketRequester user = TestConnections.signedIn(strategies, port, name, PASSWORD);
        AtomicBoolean ended = watch(user);
        assertWorks(user);

        List<SessionView> sessions = admin.route(Routes.ADMIN_SESSIONS).retrieveFlux(SessionView.class).collectList()
                .block(Duration.ofSeconds(10));
        SessionView session = sessions.stream().filter(s -> s.username().equals(name)).findFirst().orElseThrow();
        assertThat(session.openConnections()).isEqualTo(1);
        assertThat(sessions).extracting(SessionView::username).contains("op.mapo");

        admin.route(Routes.ADMIN_END_SESSION).data(session.id()).retrieveMono(Void.class).block(Duration.ofSeconds(10));

        await().atMost(CUT).untilTrue(ended);
        assertWorks(control);
    }

    private String operator() {
        String name = "op.rev-" + UUID.randomUUID().toString().substring(0, 8);
        save(new UserAccount(name, "해지 시험", "OPERATOR", List.of("11440"), true, PASSWORD));
        return name;
    }

    private void save(UserAccount account) {
        admin.route(Routes.ADMIN_SAVE_USER).data(account).retrieveMono(UserAccount.class).block(Duration.ofSeconds(10));
    }

    /** Subscribes to the live feed; the flag turns true when the stream ends for any reason. */
    private AtomicBoolean watch(RSocketRequester connection) {
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean started = new AtomicBoolean();
        streams.add(connection.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                .doOnNext(frame -> started.set(true))
                .doFinally(signal -> ended.set(true))
                .subscribe(frame -> { }, error -> { }));
        await().atMost(Duration.ofSeconds(10)).untilTrue(started);
        return ended;
    }

    /** A request on the connection is answered (positive control). */
    private static void assertWorks(RSocketRequester connection) {
        List<IncidentView> open = connection.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                .takeUntil(frame -> frame.type() == LiveFrame.Type.MARKER).mapNotNull(LiveFrame::incident)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(open).isNotNull();
    }

    private static void refused(RSocketRequester connection) {
        StepVerifier.create(connection.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class))
                .expectError().verify(Duration.ofSeconds(10));
    }
}
