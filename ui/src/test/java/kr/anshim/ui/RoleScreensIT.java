package kr.anshim.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.VaadinServletRequest;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.IncidentView;
import kr.anshim.ui.console.ConsoleView;
import kr.anshim.ui.police.PoliceView;
import kr.anshim.ui.security.AdminView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browserless view tests (Karibu-Testing) of each role's screens against a real backend process:
 * the operator sees only their wards, the police liaison lands on the police view and sees a
 * stalking victim masked, the admin sees no incidents. Ward scoping itself is the backend's; these
 * tests show the screens carry it through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("demo")
class RoleScreensIT {

    private static final DemoCity CITY = DemoCity.generate(0.1, 20221101L);
    private static BackendProcess backend;

    @Autowired
    ApplicationContext context;

    @Autowired
    List<AuthenticationProvider> providers;

    @Autowired
    RSocketStrategies strategies;

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws Exception {
        backend = BackendProcess.start("karibu-role-screens");
        registry.add("anshim.backend.port", backend::rsocketPort);
    }

    @AfterAll
    static void stopBackend() throws InterruptedException {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void mockVaadin() {
        Routes routes = new Routes().autoDiscoverViews("kr.anshim.ui");
        MockVaadin.setup(MockedUI::new, new MockSpringServlet(routes, context, MockedUI::new));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_mapo_operator_sees_only_mapo_incidents_in_the_queue() {
        send("DC-11440-0005", "TAMPER");
        send("DC-11710-0004", "TAMPER");
        signIn("op.mapo");
        UI.getCurrent().navigate(ConsoleView.class);
        Grid<IncidentView> queue = _get(Grid.class, spec -> spec.withId("incident-queue"));

        waitFor(() -> items(queue).stream().anyMatch(i -> i.wardCode().equals("11440")));
        roundtrips(Duration.ofSeconds(1));

        assertThat(items(queue)).isNotEmpty().extracting(IncidentView::wardCode).containsOnly("11440");
        assertThat(_get(Span.class, spec -> spec.withId("signed-in-user")).getText()).contains("마포구");
    }

    @Test
    void the_police_liaison_lands_on_the_police_view_and_sees_a_victim_masked_until_the_hand_off() {
        send("EB-11440-0004", "BELL_PRESSED");
        signIn("police.mapo");
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(PoliceView.class);
        Grid<IncidentView> queue = _get(Grid.class, spec -> spec.withId("police-queue"));
        waitFor(() -> items(queue).stream().anyMatch(i -> i.kind().equals("EMERGENCY")));

        IncidentView bell = items(queue).stream().filter(i -> i.kind().equals("EMERGENCY")).findFirst().orElseThrow();
        queue.select(bell);
        Span household = _get(Span.class, spec -> spec.withId("police-household"));
        waitFor(() -> !household.getText().isEmpty());

        assertThat(household.getText()).contains("010-****-").contains("***")
                .containsAnyOf("경찰 연계 전까지 가림", "masked until handed to police");
        assertThat(items(queue)).extracting(IncidentView::wardCode).containsOnly("11440");
    }

    @Test
    void the_admin_lands_on_user_and_device_management_and_sees_no_incidents() {
        signIn("admin");
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(AdminView.class);
        Grid<kr.anshim.api.UserAccount> users = _get(Grid.class, spec -> spec.withId("admin-users"));
        waitFor(() -> users.getGenericDataView().getItems().count() >= 5);
        assertThat(users.getGenericDataView().getItems().map(kr.anshim.api.UserAccount::username).toList())
                .contains("op.mapo", "police.mapo", "supervisor", "admin");
    }

    private void signIn(String username) {
        Authentication request = new UsernamePasswordAuthenticationToken(username, "anshim-demo");
        Authentication authentication = providers.stream().filter(p -> p.supports(request.getClass())).findFirst()
                .orElseThrow().authenticate(request);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        var fake = (com.github.mvysny.fakeservlet.FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        fake.setUserPrincipalInt(authentication);
        fake.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    private void send(String deviceId, String type) {
        DemoCity.Device device = CITY.devices().stream().filter(d -> d.id().equals(deviceId)).findFirst().orElseThrow();
        RSocketRequester gateway = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)))
                .tcp("127.0.0.1", backend.rsocketPort());
        Ack ack = gateway.route(kr.anshim.api.Routes.ALARM)
                .data(new DeviceEvent(UUID.randomUUID(), device.id(), Instant.now(), type, Map.of()))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        gateway.dispose();
        assertThat(ack.durable()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static List<IncidentView> items(Grid<IncidentView> grid) {
        return grid.getGenericDataView().getItems().toList();
    }

    /** Runs the UI's pending access() tasks until the condition holds, at most 15 s. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            MockVaadin.clientRoundtrip();
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        MockVaadin.clientRoundtrip();
        assertThat(condition.getAsBoolean()).as("condition within 15 s").isTrue();
    }

    private static void roundtrips(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            MockVaadin.clientRoundtrip();
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
