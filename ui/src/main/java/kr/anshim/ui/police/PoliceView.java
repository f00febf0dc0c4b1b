package kr.anshim.ui.police;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.Call112Status;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.ui.backend.PacedDelivery;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.OpenIncidents;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.console.Refusals;
import kr.anshim.ui.layout.MainLayout;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import reactor.core.Disposable;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The police liaison's screen: live incidents of their jurisdiction with the 112 hand-off status,
 * which they accept once an operator has started it, then assign a patrol, and a detail of the
 * selected incident (where, household, reasons, map, audit trail, a note). The backend lets them do
 * nothing else, and masks a protected person's identity and position until police accept.
 *
 * <p>Every row click shows that row's incident: the grid keeps its rows by incident id (a live
 * update does not drop the selection or the click's row), a click on the selected row shows it
 * again, and an answer for an incident no longer selected is dropped, so a slow answer for an
 * earlier click cannot overwrite a later one.
 */
@Route(value = "police", layout = MainLayout.class)
@Menu(order = 2, title = "nav.police")
@RolesAllowed({"POLICE_LIAISON", "SUPERVISOR"})
public class PoliceView extends VerticalLayout implements com.vaadin.flow.router.HasDynamicTitle {

    private final ScreenData data;
    private final AnshimUser user;
    private final OpenIncidents open = new OpenIncidents();
    private final List<IncidentView> rows = new ArrayList<>();
    private final ListDataProvider<IncidentView> provider = new ListDataProvider<>(rows) {
        @Override
        public Object getId(IncidentView item) {
            return item.id();
        }
    };
    private final Grid<IncidentView> grid = new Grid<>();
    private final Clock clock = Clock.systemUTC();
    private final PoliceDetail detail;
    private final kr.anshim.ui.console.EvidenceView evidence;
    private Disposable subscription;

    public PoliceView(ScreenData data, ObjectMapper json) {
        this.data = data;
        this.user = CurrentUser.require();
        setSizeFull();
        grid.setId("police-queue");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(i -> IncidentTexts.severityBadge(this, i)).setHeader(getTranslation("queue.severity")).setAutoWidth(true);
        grid.addColumn(i -> getTranslation("kind." + i.kind())).setHeader(getTranslation("queue.kind")).setAutoWidth(true);
        grid.addColumn(i -> IncidentTexts.ward(i.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true);
        grid.addColumn(i -> IncidentTexts.age(i.openedAt(), clock.instant())).setHeader(getTranslation("queue.age")).setAutoWidth(true);
        grid.addColumn(i -> getTranslation("status." + i.status())).setHeader(getTranslation("queue.status")).setAutoWidth(true);
        grid.addColumn(i -> getTranslation("call112." + i.call112())).setHeader(getTranslation("queue.call112")).setAutoWidth(true);
        grid.addComponentColumn(this::advance).setHeader(getTranslation("police.next112")).setAutoWidth(true);
        grid.setItems(provider);
        grid.setSizeFull();
        grid.addItemClickListener(click -> select(click.getItem()));
        grid.asSingleSelect().addValueChangeListener(change -> {
            if (change.getValue() != null && !current(change.getValue().id())) {
                select(change.getValue()); // the keyboard, or a selection made in code; a click came through the listener above
            }
        });
        detail = new PoliceDetail(json, this::note);
        detail.setWidth("40%");
        detail.setHeightFull();
        detail.getStyle().set("overflow", "auto");
        // the backend hides a protected person's door and masks the export for police until they take the case
        evidence = new kr.anshim.ui.console.EvidenceView(data, user);
        detail.add(evidence);
        HorizontalLayout body = new HorizontalLayout(grid, detail);
        body.setSizeFull();
        body.setFlexGrow(1, grid);
        H2 title = new H2(getTranslation("police.title"));
        title.getStyle().set("margin", "0");
        add(title, body);
        setFlexGrow(1, body);
    }

    /** Shows this incident: the row, then its household and trail as the backend answers (stale answers dropped). */
    void select(IncidentView incident) {
        detail.show(incident); // first: the selection event below then finds it shown
        if (grid.asSingleSelect().getValue() == null || !grid.asSingleSelect().getValue().id().equals(incident.id())) {
            grid.select(incident);
        }
        UUID id = incident.id();
        UI ui = UI.getCurrent();
        evidence.load(id);
        data.detail(user, id).subscribe(d -> ui.access(() -> {
                    if (current(id)) {
                        detail.show(d);
                    }
                }), error -> ui.access(() -> refused(error.getMessage())));
        data.history(user, id).subscribe(trail -> ui.access(() -> {
                    if (current(id)) {
                        detail.show(trail);
                    }
                }), error -> { });
    }

    private boolean current(UUID id) {
        return detail.shown() != null && detail.shown().id().equals(id);
    }

    private void note(String text) {
        IncidentView incident = detail.shown();
        if (incident == null) {
            return;
        }
        send(IncidentCommand.of(incident.id(), IncidentCommand.Action.NOTE, user.username()).withNote(text));
    }

    private void send(IncidentCommand command) {
        UI ui = UI.getCurrent();
        data.command(user, command).subscribe(result -> ui.access(() -> {
            if (!result.accepted()) {
                refused(result.error());
            } else if (result.incident() != null && current(result.incident().id())) {
                select(result.incident());
            }
        }), error -> ui.access(() -> refused(error.getMessage())));
    }

    private void refused(String error) {
        Notification.show(Refusals.translate(this, error));
    }

    private HorizontalLayout advance(IncidentView incident) {
        String next = forward112(incident);
        if (next == null) {
            return new HorizontalLayout(new Span(incident.call112() == Call112Status.NOT_REQUESTED
                    ? getTranslation("police.waiting") : "✓"));
        }
        Button button = new Button("→ " + getTranslation("call112." + next), click ->
                send(IncidentCommand.of(incident.id(), IncidentCommand.Action.CALL_112, user.username()).withValue(next)));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        button.setId("call112-" + incident.id());
        return new HorizontalLayout(button);
    }

    /**
     * The hand-off's next step forward as the backend allows it for this user (police: accept, then
     * assign a patrol; a supervisor may also start it), or null. Withdrawing is the console's business.
     */
    static String forward112(IncidentView incident) {
        return incident.next().call112().stream().filter(to -> to != Call112Status.NOT_REQUESTED)
                .map(Enum::name).findFirst().orElse(null);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        subscription = PacedDelivery.deliver(data.incidents(user), ScreenData.DEMAND, Duration.ofMillis(250), ui, this::show,
                error -> { });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    String detailLocation() {
        return detail.locationText();
    }

    String detailHousehold() {
        return detail.householdText();
    }

    /** Updates rows in place by id, so the selection and a click in flight keep their row. */
    void show(List<LiveFrame> batch) {
        open.apply(batch);
        rows.clear();
        rows.addAll(open.ranked());
        provider.refreshAll();
        IncidentView shown = detail.shown();
        if (shown != null) {
            open.get(shown.id()).filter(now -> now.version() > shown.version()).ifPresent(detail::show);
        }
    }

    /** The browser tab's title, in the user's language. */
    @Override
    public String getPageTitle() {
        return getTranslation("title.police");
    }
}
