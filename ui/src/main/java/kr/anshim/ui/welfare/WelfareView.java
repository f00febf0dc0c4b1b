package kr.anshim.ui.welfare;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.welfare.ContactRequest;
import kr.anshim.api.welfare.OutcomeRequest;
import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.api.welfare.VisitView;
import kr.anshim.api.welfare.WelfareOutcome;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.OpenIncidents;
import kr.anshim.ui.backend.PacedDelivery;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.layout.MainLayout;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The welfare screen: the caller's inactivity alerts and visiting-team incidents (for an officer only
 * their own people, masked by the backend), the person's contact, the outcome that closes an alert,
 * and visits: the registration form, the teams out, their check-in. Times in KST.
 */
@Route(value = "welfare", layout = MainLayout.class)
@Menu(order = 5, title = "nav.welfare")
@RolesAllowed({"OFFICER", "OPERATOR", "SUPERVISOR"})
public class WelfareView extends VerticalLayout implements com.vaadin.flow.router.HasDynamicTitle {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(SEOUL);

    private final WelfareScreenData data;
    private final AnshimUser user;
    private final OpenIncidents open = new OpenIncidents();
    private final Grid<IncidentView> queue = new Grid<>();
    private final Grid<VisitView> visits = new Grid<>();
    private final Span person = new Span();
    private final HorizontalLayout answers = new HorizontalLayout();
    private final Clock clock = Clock.systemUTC();
    private final TextField household = new TextField();
    private final TextField first = new TextField();
    private final TextField second = new TextField();
    private final TextField phone = new TextField();
    private final DateTimePicker expected = new DateTimePicker();
    private Disposable subscription;

    public WelfareView(WelfareScreenData data) {
        this.data = data;
        this.user = CurrentUser.require();
        setSizeFull();
        queue.setId("welfare-queue");
        queue.addThemeVariants(GridVariant.LUMO_COMPACT);
        queue.addComponentColumn(i -> IncidentTexts.severityBadge(this, i)).setHeader(getTranslation("queue.severity")).setAutoWidth(true);
        queue.addColumn(i -> getTranslation("kind." + i.kind())).setHeader(getTranslation("queue.kind")).setAutoWidth(true);
        queue.addColumn(i -> getTranslation("signal." + i.lastSignal())).setHeader(getTranslation("welfare.signal")).setAutoWidth(true);
        queue.addColumn(i -> IncidentTexts.age(i.openedAt(), clock.instant())).setHeader(getTranslation("queue.age")).setAutoWidth(true);
        queue.addColumn(i -> getTranslation("status." + i.status())).setHeader(getTranslation("queue.status")).setAutoWidth(true);
        queue.setHeight("40%");
        queue.asSingleSelect().addValueChangeListener(change -> select(change.getValue()));
        person.setId("welfare-person");
        answers.setId("welfare-answers");

        visits.setId("welfare-visits");
        visits.addThemeVariants(GridVariant.LUMO_COMPACT);
        visits.addColumn(VisitView::householdId).setHeader(getTranslation("welfare.household")).setAutoWidth(true);
        visits.addColumn(v -> String.join(" · ", v.team())).setHeader(getTranslation("welfare.team")).setAutoWidth(true);
        visits.addColumn(v -> KST.format(v.expectedReturn())).setHeader(getTranslation("welfare.expectedReturn")).setAutoWidth(true);
        visits.addColumn(v -> getTranslation("visitStatus." + v.status())).setHeader(getTranslation("queue.status")).setAutoWidth(true);
        visits.addColumn(v -> v.latitude() == null ? "—" : "%.5f, %.5f (%s)".formatted(v.latitude(), v.longitude(), KST.format(v.positionAt())))
                .setHeader(getTranslation("welfare.lastPosition")).setAutoWidth(true);
        visits.addComponentColumn(this::checkInButton).setHeader(getTranslation("welfare.checkIn")).setAutoWidth(true);
        visits.setHeight("25%");

        add(new H2(getTranslation("welfare.title")), queue, person, answers, new H3(getTranslation("welfare.visits")), visitForm(), visits);
    }

    private HorizontalLayout visitForm() {
        household.setLabel(getTranslation("welfare.household"));
        household.setId("visit-household");
        first.setLabel(getTranslation("welfare.visitor1"));
        first.setId("visit-first");
        second.setLabel(getTranslation("welfare.visitor2"));
        second.setId("visit-second");
        phone.setLabel(getTranslation("welfare.teamPhone"));
        phone.setId("visit-phone");
        expected.setLabel(getTranslation("welfare.expectedReturn") + " (KST)");
        expected.setId("visit-expected");
        expected.setStep(Duration.ofMinutes(1));
        expected.setValue(LocalDateTime.now(SEOUL).plusHours(1).withSecond(0).withNano(0));
        Button register = new Button(getTranslation("welfare.register"), click -> register());
        register.setId("visit-register");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(household, first, second, phone, expected, register);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void register() {
        UI ui = UI.getCurrent();
        LocalDateTime back = expected.getValue();
        if (back == null) {
            Notification.show(getTranslation("welfare.expectedReturn"));
            return;
        }
        VisitRequest request = new VisitRequest(household.getValue().strip(), List.of(first.getValue(), second.getValue()),
                phone.getValue().isBlank() ? null : phone.getValue().strip(), clock.instant(), back.atZone(SEOUL).toInstant());
        data.register(user, request).subscribe(result -> ui.access(() -> {
            if (result.ok()) {
                Notification.show(getTranslation("welfare.registered"));
                refreshVisits(ui);
            } else {
                Notification.show(getTranslation("action.refused") + ": " + result.error());
            }
        }), error -> ui.access(() -> Notification.show(error.getMessage())));
    }

    private Button checkInButton(VisitView visit) {
        Button button = new Button(getTranslation("welfare.checkIn"), click -> {
            UI ui = UI.getCurrent();
            data.checkIn(user, visit.id()).subscribe(result -> ui.access(() -> {
                if (!result.ok()) {
                    Notification.show(result.error());
                }
                refreshVisits(ui);
            }));
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        button.setId("checkin-" + visit.id());
        return button;
    }

    private void select(IncidentView incident) {
        answers.removeAll();
        if (incident == null) {
            person.setText("");
            return;
        }
        UI ui = UI.getCurrent();
        data.detail(user, incident.id()).subscribe(detail -> ui.access(() -> person.setText(
                        (detail.masked() ? "⚠ " + getTranslation("detail.masked") + " · " : "")
                                + detail.contactName() + " · " + detail.contactPhone() + " · " + detail.address()
                                + (detail.enrolment() == null ? "" : " · " + detail.enrolment().dong() + " · "
                                + getTranslation("welfare.threshold", detail.enrolment().thresholdDays()))
                                + (detail.visit() == null ? "" : " · " + String.join(" · ", detail.visit().team())))),
                error -> ui.access(() -> person.setText(error.getMessage())));
        Button contact = new Button(getTranslation("welfare.contact"), click -> data.contact(user, new ContactRequest(incident.id(), null))
                .subscribe(result -> ui.access(() -> Notification.show(result.accepted() ? getTranslation("welfare.contacted") : result.error()))));
        contact.setId("welfare-contact");
        answers.add(contact);
        for (WelfareOutcome outcome : WelfareOutcome.values()) {
            Button button = new Button(getTranslation("outcome." + outcome), click -> data.outcome(user,
                            new OutcomeRequest(incident.id(), outcome, null))
                    .subscribe(result -> ui.access(() -> {
                        if (!result.accepted()) {
                            Notification.show(result.error());
                        }
                    })));
            button.setId("welfare-outcome-" + outcome);
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            answers.add(button);
        }
    }

    private void refreshVisits(UI ui) {
        data.visits(user).subscribe(list -> ui.access(() -> visits.setItems(list)), error -> { });
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        Disposable incidents = PacedDelivery.deliver(data.incidents(user), ScreenData.DEMAND, Duration.ofMillis(250), ui, this::show,
                error -> { });
        // visits change slowly (positions, check-ins): a refresh every 5 s is enough for this list
        Disposable teams = Flux.interval(Duration.ZERO, Duration.ofSeconds(5)).onBackpressureDrop()
                .concatMap(tick -> data.visits(user).onErrorResume(error -> reactor.core.publisher.Mono.empty()), 1)
                .subscribe(list -> ui.access(() -> visits.setItems(list)));
        subscription = reactor.core.Disposables.composite(incidents, teams);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private void show(List<LiveFrame> batch) {
        open.apply(batch);
        queue.setItems(open.ranked());
    }

    /** The browser tab's title, in the user's language. */
    @Override
    public String getPageTitle() {
        return getTranslation("title.welfare");
    }
}
