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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.Call112Status;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.ui.backend.PacedDelivery;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.OpenIncidents;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.layout.MainLayout;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import reactor.core.Disposable;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The police liaison's screen: live incidents of their jurisdiction with the 112 hand-off status,
 * which they accept once an operator has started it, then assign a patrol. The backend lets them do
 * nothing else, and masks a protected person's identity and position until police accept.
 */
@Route(value = "police", layout = MainLayout.class)
@PageTitle("경찰 연계 · 안심 통합관제")
@RolesAllowed({"POLICE_LIAISON", "SUPERVISOR"})
public class PoliceView extends VerticalLayout {

    private final ScreenData data;
    private final AnshimUser user;
    private final OpenIncidents open = new OpenIncidents();
    private final Grid<IncidentView> grid = new Grid<>();
    private final Clock clock = Clock.systemUTC();
    private Disposable subscription;
    private final Span household = new Span();

    public PoliceView(ScreenData data) {
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
        grid.addComponentColumn(this::advance).setHeader(getTranslation("action.call112")).setAutoWidth(true);
        grid.setSizeFull();
        household.setId("police-household");
        grid.asSingleSelect().addValueChangeListener(change -> {
            if (change.getValue() != null) {
                showHousehold(change.getValue());
            }
        });
        add(new H2(getTranslation("police.title")), grid, household);
        setFlexGrow(1, grid);
    }

    /** The household as the backend lets police see it: a protected person's identity masked until the hand-off. */
    private void showHousehold(IncidentView incident) {
        UI ui = UI.getCurrent();
        data.detail(user, incident.id()).subscribe(detail -> ui.access(() -> household.setText(
                (detail.protectedPerson() ? "⚠ " + getTranslation("detail.protected") + " · " : "")
                        + (detail.masked() ? getTranslation("detail.maskedName") : detail.contactName())
                        + " · " + detail.contactPhone() + " · " + detail.address()
                        + (detail.masked() ? " (" + getTranslation("detail.masked") + ")" : ""))),
                error -> ui.access(() -> household.setText(error.getMessage())));
    }

    private HorizontalLayout advance(IncidentView incident) {
        String next = forward112(incident);
        if (next == null) {
            return new HorizontalLayout(new Span(incident.call112() == Call112Status.NOT_REQUESTED
                    ? getTranslation("police.waiting") : "✓"));
        }
        Button button = new Button("→ " + getTranslation("call112." + next), click -> data.command(user,
                        IncidentCommand.of(incident.id(), IncidentCommand.Action.CALL_112, user.username()).withValue(next))
                .subscribe(result -> click.getSource().getUI().ifPresent(ui -> ui.access(() -> {
                    if (!result.accepted()) {
                        Notification.show(result.error());
                    }
                }))));
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
        subscription = PacedDelivery.deliver(data.incidents(user), kr.anshim.ui.backend.ScreenData.DEMAND, Duration.ofMillis(250), ui, this::show,
                error -> { });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private void show(List<LiveFrame> batch) {
        open.apply(batch);
        grid.setItems(open.ranked());
    }
}
