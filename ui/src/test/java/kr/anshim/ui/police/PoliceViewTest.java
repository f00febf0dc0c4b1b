package kr.anshim.ui.police;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.NextSteps;
import kr.anshim.api.Severity;
import kr.anshim.api.SignalType;
import kr.anshim.ui.backend.FakeScreenData;
import kr.anshim.ui.i18n.TranslationProvider;
import kr.anshim.ui.security.AnshimUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The police liaison's screen without a browser or a backend (Karibu-Testing and a scripted backend). */
class PoliceViewTest {

    private static final NextSteps POLICE = new NextSteps(EnumSet.of(Action.NOTE), List.of(), List.of());
    private final FakeScreenData data = new FakeScreenData();
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private PoliceView view;

    @BeforeEach
    void setUp() {
        System.setProperty("vaadin.i18n.provider", TranslationProvider.class.getName());
        MockVaadin.setup();
        UI.getCurrent().setLocale(TranslationProvider.KOREAN);
        AnshimUser police = new AnshimUser("police.mapo", "마포경찰서", "POLICE_LIAISON", List.of("11440"), "token");
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(police, null, List.of()));
        view = new PoliceView(data, json);
        UI.getCurrent().add(view);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    @Test
    void the_column_headers_are_all_different() {
        List<String> headers = grid().getColumns().stream().map(Grid.Column::getHeaderText).toList();
        assertThat(headers).doesNotHaveDuplicates().contains("112 연계", "다음 112 단계");
    }

    @Test
    void a_prowler_spanning_households_reads_as_the_doors_it_spans_never_null() {
        IncidentView prowler = incident(IncidentKind.PROWLER, 3, 1);
        live(prowler);
        GridKt._clickItem(grid(), 0, 1, false, false, false, false);
        data.detail(prowler.id()).tryEmitValue(new IncidentDetail(prowler, null, false, false, null, null, null, List.of()));
        waitFor(() -> !view.detailLocation().isEmpty());

        assertThat(view.detailLocation()).contains("세대 3곳", "마포구").doesNotContain("null");
        assertThat(view.detailHousehold()).doesNotContain("null");
    }

    @Test
    void every_row_click_shows_that_row_even_when_an_earlier_answer_comes_late() {
        IncidentView first = incident(IncidentKind.LOITERING, 1, 1);
        IncidentView second = incident(IncidentKind.TAMPER, 1, 1);
        live(first, second);
        int firstRow = row(first);
        int secondRow = row(second);

        GridKt._clickItem(grid(), firstRow, 1, false, false, false, false);
        GridKt._clickItem(grid(), secondRow, 1, false, false, false, false);
        data.detail(second.id()).tryEmitValue(household(second, "서울 마포구 성산로 2"));
        waitFor(() -> view.detailLocation().contains("성산로 2"));
        data.detail(first.id()).tryEmitValue(household(first, "서울 마포구 성산로 1")); // the late answer of the first click
        MockVaadin.clientRoundtrip();
        assertThat(view.detailLocation()).contains("성산로 2").doesNotContain("성산로 1");

        // a live update keeps the selection, and a click on the selected row shows it again
        data.frames.tryEmitNext(LiveFrame.change(bumped(second)));
        waitFor(() -> grid().getGenericDataView().getItems().anyMatch(i -> i.id().equals(second.id()) && i.version() == 2));
        assertThat(grid().asSingleSelect().getValue().id()).isEqualTo(second.id());
        GridKt._clickItem(grid(), row(first), 1, false, false, false, false);
        data.detail(first.id()); // already answered: shows at once
        waitFor(() -> view.detailLocation().contains("성산로 1"));
    }

    @Test
    void the_liaison_writes_a_note_when_the_backend_allows_it() {
        IncidentView incident = incident(IncidentKind.TAMPER, 1, 1);
        IncidentView noNotes = incident(IncidentKind.LOITERING, 1, 1).with(NextSteps.NONE);
        live(incident, noNotes);
        GridKt._clickItem(grid(), row(noNotes), 1, false, false, false, false);
        assertThat(_get(Button.class, spec -> spec.withId("police-add-note")).isEnabled()).isFalse();

        GridKt._clickItem(grid(), row(incident), 1, false, false, false, false);
        assertThat(_get(Button.class, spec -> spec.withId("police-add-note")).isEnabled()).isTrue();
        _get(TextArea.class, spec -> spec.withId("police-note")).setValue("순찰차 현장 확인 중");
        _get(Button.class, spec -> spec.withId("police-add-note")).click();

        assertThat(data.commands).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.NOTE);
            assertThat(c.incidentId()).isEqualTo(incident.id());
            assertThat(c.note()).isEqualTo("순찰차 현장 확인 중");
        });
    }

    @SuppressWarnings("unchecked")
    private Grid<IncidentView> grid() {
        return _get(Grid.class, spec -> spec.withId("police-queue"));
    }

    private int row(IncidentView incident) {
        List<IncidentView> items = grid().getGenericDataView().getItems().toList();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(incident.id())) {
                return i;
            }
        }
        throw new AssertionError("not on screen: " + incident.id());
    }

    private void live(IncidentView... incidents) {
        data.frames.tryEmitNext(LiveFrame.begin());
        for (IncidentView incident : incidents) {
            data.frames.tryEmitNext(LiveFrame.snapshot(incident));
        }
        data.frames.tryEmitNext(LiveFrame.marker());
        waitFor(() -> grid().getGenericDataView().getItems().count() == incidents.length);
    }

    private static IncidentView incident(IncidentKind kind, int households, long version) {
        return new IncidentView(UUID.randomUUID(), "11440", 37.5561, 126.9012, kind, Severity.HIGH, 60, IncidentStatus.NEW,
                DeviceFamily.DOOR_CAMERA, SignalType.LOITERING, households, Instant.now(), Instant.now(), List.of("LOITERING +40"),
                Call112Status.NOT_REQUESTED, CallbackStatus.NOT_TRIED, null, version, false, false, households, households > 1 ? null : "H-" + UUID.randomUUID(), POLICE);
    }

    private static IncidentView bumped(IncidentView v) {
        return new IncidentView(v.id(), v.wardCode(), v.latitude(), v.longitude(), v.kind(), v.severity(), v.score() + 5,
                v.status(), v.family(), v.lastSignal(), v.signals(), v.openedAt(), Instant.now(), v.reasons(), v.call112(),
                v.callback(), v.outcome(), v.version() + 1, false, false, v.households(), v.householdId(), v.next());
    }

    private static IncidentDetail household(IncidentView incident, String address) {
        return new IncidentDetail(incident, "H-" + incident.id(), false, false, "김민지", "010-1234-5678", address, List.of());
    }

    private static void waitFor(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).pollInSameThread().until(() -> {
            MockVaadin.clientRoundtrip();
            return condition.getAsBoolean();
        });
    }
}
