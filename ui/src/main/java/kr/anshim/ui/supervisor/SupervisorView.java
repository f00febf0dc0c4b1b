package kr.anshim.ui.supervisor;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import kr.anshim.api.Severity;
import kr.anshim.api.LiveFrame;
import kr.anshim.ui.backend.PacedDelivery;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.OpenIncidents;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.layout.MainLayout;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import reactor.core.Disposable;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The supervisor's overview: every ward's open and critical load, live, and the critical
 * incidents nobody acknowledged in time (escalated by the backend's ranking).
 */
@Route(value = "supervisor", layout = MainLayout.class)
@Menu(order = 3, title = "nav.supervisor")
@RolesAllowed("SUPERVISOR")
public class SupervisorView extends VerticalLayout implements com.vaadin.flow.router.HasDynamicTitle {


    record WardLoad(Ward ward, long open, long critical, long unacknowledged) {
    }

    private final ScreenData data;
    private final AnshimUser user;
    private final OpenIncidents open = new OpenIncidents();
    private final Grid<WardLoad> wards = new Grid<>();
    private final Grid<IncidentView> escalated = new Grid<>();
    private final Clock clock = Clock.systemUTC();
    private Disposable subscription;
    private final ResponseTimesPanel responseTimes;
    private final AlarmLoadPanel alarmLoad;
    private final Grid<kr.anshim.api.ProtectedAccess> accessLog = new Grid<>();

    private final kr.anshim.ui.alarm.ProcedureEditor procedures;

    public SupervisorView(ScreenData data, kr.anshim.ui.welfare.WelfareScreenData welfare,
                          kr.anshim.ui.alarm.AlarmScreenData alarms, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.data = data;
        this.user = CurrentUser.require();
        setWidthFull();
        wards.setId("ward-load");
        wards.setAllRowsVisible(true);
        wards.addThemeVariants(GridVariant.LUMO_COMPACT);
        wards.addColumn(w -> kr.anshim.ui.IncidentTexts.ward(w.ward().code())).setHeader(getTranslation("queue.ward")).setAutoWidth(true);
        wards.addColumn(WardLoad::open).setHeader(getTranslation("supervisor.ward.open")).setSortable(true);
        wards.addColumn(WardLoad::critical).setHeader(getTranslation("supervisor.ward.critical")).setSortable(true);
        wards.addColumn(WardLoad::unacknowledged).setHeader(getTranslation("status.NEW")).setSortable(true);
        escalated.setId("escalated");
        escalated.addThemeVariants(GridVariant.LUMO_COMPACT);
        escalated.addComponentColumn(i -> IncidentTexts.severityBadge(this, i)).setHeader(getTranslation("queue.severity"));
        escalated.addColumn(i -> getTranslation("kind." + i.kind())).setHeader(getTranslation("queue.kind"));
        escalated.addColumn(i -> IncidentTexts.ward(i.wardCode())).setHeader(getTranslation("queue.ward"));
        escalated.addColumn(i -> IncidentTexts.age(i.openedAt(), clock.instant())).setHeader(getTranslation("queue.age"));
        escalated.addColumn(i -> String.join(", ", IncidentTexts.reasons(this, i))).setHeader(getTranslation("queue.why"));
        escalated.addItemClickListener(click -> new EscalatedIncident(data, user, click.getItem()).open());
        escalated.getStyle().set("cursor", "pointer");
        responseTimes = new ResponseTimesPanel(data, user);
        alarmLoad = new AlarmLoadPanel(data, user);
        procedures = new kr.anshim.ui.alarm.ProcedureEditor(alarms, user, json);
        accessLog.setId("protected-access");
        accessLog.addThemeVariants(GridVariant.LUMO_COMPACT);
        accessLog.setAllRowsVisible(true);
        java.time.format.DateTimeFormatter at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneId.of("Asia/Seoul"));
        accessLog.addColumn(a -> at.format(a.at())).setHeader(getTranslation("access.at")).setAutoWidth(true);
        accessLog.addColumn(kr.anshim.api.ProtectedAccess::reader).setHeader(getTranslation("access.reader")).setAutoWidth(true);
        accessLog.addColumn(a -> a.role() == null ? "" : getTranslation("role." + a.role())).setHeader(getTranslation("access.role")).setAutoWidth(true);
        accessLog.addColumn(kr.anshim.api.ProtectedAccess::householdId).setHeader(getTranslation("access.household")).setAutoWidth(true);
        accessLog.addColumn(a -> a.incidentId().toString().substring(0, 8)).setHeader(getTranslation("access.incident")).setAutoWidth(true);
        accessLog.addColumn(a -> getTranslation("access.what." + (a.what() == null ? "RECORD" : a.what())))
                .setHeader(getTranslation("access.what")).setAutoWidth(true);
        com.vaadin.flow.component.button.Button reload = new com.vaadin.flow.component.button.Button(
                getTranslation("access.reload"), click -> loadAccessLog());
        reload.setId("protected-access-reload");
        add(new H2(getTranslation("supervisor.title")), wards, new H3(getTranslation("supervisor.escalated")), escalated,
                responseTimes, alarmLoad, procedures, new kr.anshim.ui.welfare.WelfareTimesPanel(welfare, user),
                kr.anshim.ui.admin.AccessPanels.grants(this, data, user),
                kr.anshim.ui.admin.AccessPanels.audit(this, data, user),
                new H3(getTranslation("access.title")), reload, accessLog);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        subscription = PacedDelivery.deliver(data.incidents(user), kr.anshim.ui.backend.ScreenData.DEMAND, Duration.ofMillis(500), ui, this::show,
                error -> { });
        responseTimes.load();
        alarmLoad.load();
        procedures.load();
        loadAccessLog();
    }

    /** The protected-person access log, newest first; read again on demand. */
    private void loadAccessLog() {
        UI ui = UI.getCurrent();
        data.accessLog(user).subscribe(rows -> ui.access(() -> accessLog.setItems(rows)), error -> { });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private void show(List<LiveFrame> batch) {
        open.apply(batch);
        wards.setItems(Wards.seoul().all().stream().map(this::load).toList());
        escalated.setItems(open.all().stream().filter(IncidentView::escalated)
                .sorted((a, b) -> Integer.compare(b.score(), a.score())).toList());
    }

    private WardLoad load(Ward ward) {
        List<IncidentView> mine = open.all().stream().filter(i -> i.wardCode().equals(ward.code())).toList();
        return new WardLoad(ward, mine.size(), mine.stream().filter(i -> i.severity() == Severity.CRITICAL).count(),
                mine.stream().filter(i -> i.status() == IncidentStatus.NEW).count());
    }

    /** The browser tab's title, in the user's language. */
    @Override
    public String getPageTitle() {
        return getTranslation("title.supervisor");
    }
}
