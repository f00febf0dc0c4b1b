package kr.anshim.backend.security;

import io.rsocket.exceptions.RejectedSetupException;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceSummary;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import kr.anshim.api.UserAccount;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin manages users and devices over their own connection; nobody else may, and the admin sees no incidents. */
@BackendIT
class AdminRoutesIT {

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    RSocketRequester ui;

    @BeforeEach
    void connect() {
        ui = TestConnections.ui(strategies, port);
    }

    @AfterEach
    void disconnect() {
        ui.dispose();
    }

    @Test
    void an_admin_creates_an_operator_who_can_sign_in_and_deactivates_them_again() {
        RSocketRequester admin = user("admin", "anshim-demo");
        UserAccount created = admin.route(Routes.ADMIN_SAVE_USER)
                .data(new UserAccount("op.gangnam", "강남구 관제요원", "OPERATOR", List.of("11680"), true, "gangnam-secret-1"))
                .retrieveMono(UserAccount.class).block(Duration.ofSeconds(10));
        assertThat(created.password()).isNull();
        assertThat(admin.route(Routes.ADMIN_USERS).retrieveFlux(UserAccount.class).collectList().block(Duration.ofSeconds(10)))
                .extracting(UserAccount::username).contains("op.gangnam", "op.mapo", "admin");
        assertThat(login("op.gangnam", "gangnam-secret-1").ok()).isTrue();

        admin.route(Routes.ADMIN_SAVE_USER)
                .data(new UserAccount("op.gangnam", "강남구 관제요원", "OPERATOR", List.of("11680"), false, null))
                .retrieveMono(UserAccount.class).block(Duration.ofSeconds(10));
        assertThat(login("op.gangnam", "gangnam-secret-1").ok()).isFalse();
        admin.dispose();
    }

    @Test
    void creating_an_existing_username_is_refused_and_changes_nothing_while_an_update_says_it_means_one() {
        RSocketRequester admin = user("admin", "anshim-demo");
        UserAccount first = new UserAccount("op.dobong", "도봉구 관제요원", "OPERATOR", List.of("11320"), true, "dobong-secret-1");
        assertThat(admin.route(Routes.ADMIN_CREATE_USER).data(first).retrieveMono(UserAccount.class).block(Duration.ofSeconds(10))
                .username()).isEqualTo("op.dobong");

        // a second create of the same name, with another password, ward and name: refused, nothing overwritten
        StepVerifier.create(admin.route(Routes.ADMIN_CREATE_USER)
                        .data(new UserAccount("op.dobong", "someone else", "OPERATOR", List.of("11440"), true, "other-secret-2"))
                        .retrieveMono(UserAccount.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageStartingWith(Routes.USER_EXISTS).hasMessageContaining("op.dobong"))
                .verify(Duration.ofSeconds(10));
        assertThat(login("op.dobong", "dobong-secret-1").ok()).isTrue();
        assertThat(login("op.dobong", "other-secret-2").ok()).isFalse();
        assertThat(admin.route(Routes.ADMIN_USERS).retrieveFlux(UserAccount.class).collectList().block(Duration.ofSeconds(10)))
                .filteredOn(u -> u.username().equals("op.dobong")).singleElement()
                .satisfies(u -> assertThat(u.wards()).containsExactly("11320"))
                .satisfies(u -> assertThat(u.displayName()).isEqualTo("도봉구 관제요원"));

        // the explicit update path changes it; an update of an unknown name creates nothing
        UserAccount renamed = admin.route(Routes.ADMIN_UPDATE_USER)
                .data(new UserAccount("op.dobong", "도봉구 야간 관제요원", "OPERATOR", List.of("11320"), true, null))
                .retrieveMono(UserAccount.class).block(Duration.ofSeconds(10));
        assertThat(renamed.displayName()).isEqualTo("도봉구 야간 관제요원");
        StepVerifier.create(admin.route(Routes.ADMIN_UPDATE_USER)
                        .data(new UserAccount("op.nobody", "x", "OPERATOR", List.of("11320"), true, "nobody-secret-1"))
                        .retrieveMono(UserAccount.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageStartingWith(Routes.NO_SUCH_USER))
                .verify(Duration.ofSeconds(10));
        assertThat(admin.route(Routes.ADMIN_USERS).retrieveFlux(UserAccount.class).collectList().block(Duration.ofSeconds(10)))
                .extracting(UserAccount::username).contains("op.dobong").doesNotContain("op.nobody");
        admin.dispose();
    }

    @Test
    void bad_user_data_is_refused_with_the_reason() {
        RSocketRequester admin = user("admin", "anshim-demo");
        StepVerifier.create(admin.route(Routes.ADMIN_SAVE_USER)
                        .data(new UserAccount("op.x", "x", "OPERATOR", List.of(), true, "long-enough-pw")).retrieveMono(UserAccount.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("needs at least one ward"))
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(admin.route(Routes.ADMIN_SAVE_USER)
                        .data(new UserAccount("op.y", "y", "OPERATOR", List.of("11440"), true, "short")).retrieveMono(UserAccount.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("at least 10 characters"))
                .verify(Duration.ofSeconds(10));
        admin.dispose();
    }

    @Test
    void an_operator_may_not_manage_users_and_an_admin_sees_no_incidents() {
        RSocketRequester operator = user("op.mapo", "anshim-demo");
        StepVerifier.create(operator.route(Routes.ADMIN_USERS).retrieveFlux(UserAccount.class))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("only an admin"))
                .verify(Duration.ofSeconds(10));
        RSocketRequester admin = user("admin", "anshim-demo");
        List<IncidentView> seen = admin.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .take(Duration.ofSeconds(1)).collectList().block(Duration.ofSeconds(10));
        assertThat(seen).isEmpty();
        operator.dispose();
        admin.dispose();
    }

    @Test
    void an_admin_revokes_a_device_which_is_then_refused() {
        DemoCity.Device camera = TestDevices.nth(kr.anshim.api.DeviceFamily.DOOR_CAMERA, 30);
        RSocketRequester admin = user("admin", "anshim-demo");
        List<DeviceSummary> ward = admin.route(Routes.ADMIN_DEVICES).data(TestDevices.household(camera).wardCode())
                .retrieveMono(new ParameterizedTypeReference<List<DeviceSummary>>() {
                }).block(Duration.ofSeconds(10));
        assertThat(ward).extracting(DeviceSummary::id).contains(camera.id());

        DeviceSummary revoked = admin.route(Routes.ADMIN_REVOKE_DEVICE).data(camera.id()).retrieveMono(DeviceSummary.class)
                .block(Duration.ofSeconds(10));

        assertThat(revoked.revoked()).isTrue();
        RSocketRequester device = TestConnections.device(strategies, port, camera);
        StepVerifier.create(device.route(Routes.ALARM).data(TestDevices.event(camera, "MOTION", Map.of())).retrieveMono(Ack.class))
                .expectError(RejectedSetupException.class)
                .verify(Duration.ofSeconds(10));
        admin.dispose();
    }

    private RSocketRequester user(String username, String password) {
        LoginResult login = login(username, password);
        assertThat(login.ok()).isTrue();
        return TestConnections.connect(strategies, port, ConnectionCredentials.user(username, login.token()));
    }

    private LoginResult login(String username, String password) {
        return TestConnections.login(strategies, port, username, password);
    }
}
