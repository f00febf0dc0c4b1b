package kr.anshim.ui;

import kr.anshim.api.IncidentKind;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinServletRequest;
import kr.anshim.api.IncidentView;
import kr.anshim.ui.console.ConsoleView;
import kr.anshim.ui.police.PoliceView;
import kr.anshim.ui.admin.AdminView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Browserless view tests (Karibu-Testing) of each role's screens against a real backend process:
 * the operator sees only their wards, the police liaison lands on the police view and sees a
 * stalking victim masked, the admin sees no incidents. Ward scoping itself is the backend's; these
 * tests show the screens carry it through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("demo")
class RoleScreensIT {

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
        // 송파구 first: the live stream is ordered, so once the 마포구 incident is on screen the 송파구
        // one would be too if scoping let it through
        send("DC-11710-0004", "TAMPER");
        send("DC-11440-0005", "TAMPER");
        signIn("op.mapo");
        UI.getCurrent().navigate(ConsoleView.class);
        // an operator's console shows once the backend let them take it (no handover waiting here)
        waitFor(() -> !_find(Grid.class, spec -> spec.withId("incident-queue")).isEmpty());
        Grid<IncidentView> queue = _get(Grid.class, spec -> spec.withId("incident-queue"));

        waitFor(() -> items(queue).stream().anyMatch(i -> i.wardCode().equals("11440")));

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
        waitFor(() -> items(queue).stream().anyMatch(i -> i.kind() == IncidentKind.EMERGENCY));

        IncidentView bell = items(queue).stream().filter(i -> i.kind() == IncidentKind.EMERGENCY).findFirst().orElseThrow();
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

    @Test
    void each_role_sees_exactly_its_own_screens_and_no_other_opens() {
        Map<String, List<String>> expected = Map.of(
                "op.mapo", List.of("console", "welfare"),
                "police.mapo", List.of("police"),
                "supervisor", List.of("console", "police", "supervisor", "welfare"),
                "admin", List.of("admin"),
                "officer.seodaemun", List.of("welfare"));
        expected.forEach((username, screens) -> {
            freshSession();
            signIn(username);
            UI.getCurrent().navigate("");
            HorizontalLayout nav = _get(HorizontalLayout.class, spec -> spec.withId("screens"));
            assertThat(nav.getChildren().map(c -> ((RouterLink) c).getHref()).toList()).as(username).isEqualTo(screens);
            // the landing page took them to their first screen
            assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).as(username).isEqualTo(screens.get(0));
        });
        // the access check reads the same table: the police liaison may not open the console, the operator may
        freshSession();
        signIn("police.mapo");
        UI.getCurrent().navigate("console");
        assertThat(_get(com.vaadin.flow.component.Component.class, spec -> spec.withId("access-denied"))).isNotNull();
        freshSession();
        signIn("op.mapo");
        UI.getCurrent().navigate("console");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(ConsoleView.class);
    }

    /**
     * Issue 11, finding 4 on screen: resolving offers the reopening at once; the 최근 종료 tab lists
     * it; the panel's Reopen asks for a reason and the incident comes back, its timeline saying so.
     */
    @Test
    void an_operator_reopens_a_resolved_incident_from_the_recently_closed_list_with_a_reason() {
        // an ordinary household's camera no other test of this class drives
        send("DC-11440-0006", "TAMPER");
        signIn("op.mapo");
        UI.getCurrent().setLocale(kr.anshim.ui.i18n.TranslationProvider.KOREAN); // the texts asserted below are Korean
        UI.getCurrent().navigate(ConsoleView.class);
        // the console opens once console.take has answered (no handover is pending for 마포구)
        waitFor(() -> !_find(Grid.class, spec -> spec.withId("incident-queue")).isEmpty());
        Grid<IncidentView> queue = _get(Grid.class, spec -> spec.withId("incident-queue"));
        waitFor(() -> items(queue).stream().anyMatch(i -> "H-11440-0006".equals(i.householdId())));
        IncidentView raised = items(queue).stream().filter(i -> "H-11440-0006".equals(i.householdId())).findFirst().orElseThrow();
        assertThat(raised.status()).isEqualTo(kr.anshim.api.IncidentStatus.NEW);
        queue.select(raised);
        button("action-acknowledge").click();
        waitFor(() -> button("action-resolve").isEnabled());
        assertThat(buttons("action-reopen")).as("open: nothing to reopen").isEmpty();
        button("action-resolve").click();
        _get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("close-outcome")).setValue("SUSPECT_GONE");
        _get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("close-reason")).setValue("nobody at the door");
        button("close-confirm").click();
        waitFor(() -> !buttons("action-reopen").isEmpty());

        com.vaadin.flow.component.tabs.Tab closedTab = _get(com.vaadin.flow.component.tabs.Tab.class, spec -> spec.withId("tab-closed"));
        ((com.vaadin.flow.component.tabs.Tabs) closedTab.getParent().orElseThrow()).setSelectedTab(closedTab);
        Grid<IncidentView> closed = _get(Grid.class, spec -> spec.withId("recently-closed"));
        waitFor(() -> items(closed).stream().anyMatch(i -> i.id().equals(raised.id())));
        assertThat(items(closed)).extracting(IncidentView::wardCode).containsOnly("11440");
        com.github.mvysny.kaributesting.v10.GridKt._clickItem(closed, rowOf(closed, raised), 1, false, false, false, false);
        button("action-reopen").click();
        assertThat(button("close-confirm").isEnabled()).as("no reason yet").isFalse();
        _get(com.vaadin.flow.component.textfield.TextArea.class, spec -> spec.withId("close-reason")).setValue("resident phoned again");
        button("close-confirm").click();

        waitFor(() -> statusText().contains(" · 확인")
                || !com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.notification.Notification.class).isEmpty());
        assertThat(statusText()).as("refusal: " + refusalText()).contains(" · 확인");
        waitFor(() -> _get(com.vaadin.flow.component.orderedlayout.VerticalLayout.class, spec -> spec.withId("incident-panel"))
                .getElement().getTextRecursively().contains("재개 → 확인"));
        assertThat(_get(com.vaadin.flow.component.orderedlayout.VerticalLayout.class, spec -> spec.withId("incident-panel"))
                .getElement().getTextRecursively()).contains("처리 완료에서 재개").contains("resident phoned again");
        assertThat(buttons("action-reopen")).as("open again").isEmpty();
    }

    private static String statusText() {
        return _get(HorizontalLayout.class, spec -> spec.withId("incident-status")).getElement().getTextRecursively();
    }

    private static String panelText() {
        return _get(com.vaadin.flow.component.orderedlayout.VerticalLayout.class, spec -> spec.withId("incident-panel"))
                .getElement().getTextRecursively();
    }

    private static String refusalText() {
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.notification.Notification.class).stream()
                .map(n -> n.getElement().getProperty("text", "") + n.getElement().getTextRecursively())
                .toList().toString();
    }

    private static int rowOf(Grid<IncidentView> grid, IncidentView incident) {
        List<IncidentView> rows = items(grid);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(incident.id())) {
                return i;
            }
        }
        throw new AssertionError("not listed: " + incident.id());
    }

    private static com.vaadin.flow.component.button.Button button(String id) {
        return _get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId(id));
    }

    private static List<com.vaadin.flow.component.button.Button> buttons(String id) {
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.button.Button.class, spec -> spec.withId(id));
    }

    private void freshSession() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
        mockVaadin();
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
        assertThat(backend.alarm(strategies, deviceId, type).durable()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static List<IncidentView> items(Grid<IncidentView> grid) {
        return grid.getGenericDataView().getItems().toList();
    }

    /**
     * Runs the UI's pending access() tasks until the condition holds, at most 15 s. Polled on the
     * test thread: Karibu's mock session belongs to it.
     */
    private static void waitFor(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> {
            MockVaadin.clientRoundtrip();
            return condition.getAsBoolean();
        });
    }
}
