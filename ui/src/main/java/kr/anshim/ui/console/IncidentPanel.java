package kr.anshim.ui.console;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentView;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.TransitionView;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * The selected incident: why it ranks where it does, the household and its devices, the
 * timeline, the closest responders with their arrival estimate, and every action, each reachable
 * from the keyboard (Alt+A acknowledge, Alt+D dispatch the first recommendation, Alt+E en route,
 * Alt+S on scene, Alt+N note, Alt+R resolve, Alt+F false alarm).
 */
class IncidentPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));
    private static final List<String> OUTCOMES = List.of("RESIDENT_SAFE", "SUSPECT_GONE", "POLICE_ARREST",
            "REFERRED_TO_WELFARE", "MEDICAL_EMERGENCY", "DEVICE_FAULT", "OTHER");

    private final ScreenData data;
    private final AnshimUser user;
    private final Div content = new Div();
    private final TextArea note = new TextArea();
    private final ComboBox<String> outcome = new ComboBox<>();
    private IncidentView incident;
    private List<ResponderRecommendation> recommended = List.of();

    IncidentPanel(ScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        addClassName("anshim-detail");
        setId("incident-panel");
        setHeightFull();
        note.setPlaceholder(getTranslation("action.note.placeholder"));
        note.setWidthFull();
        note.setMaxLength(2000);
        outcome.setItems(OUTCOMES);
        outcome.setItemLabelGenerator(o -> getTranslation("outcome." + o));
        outcome.setPlaceholder(getTranslation("action.outcome"));
        outcome.setValue("RESIDENT_SAFE");
        content.setWidthFull();
        add(content);
        showNothing();
    }

    UUID selected() {
        return incident == null ? null : incident.id();
    }

    void showNothing() {
        incident = null;
        content.removeAll();
        content.add(new Span(getTranslation("detail.none")));
    }

    /** Shows an incident and loads its household, timeline and recommendations. */
    void show(IncidentView view) {
        boolean other = incident == null || !incident.id().equals(view.id());
        incident = view;
        UI ui = UI.getCurrent();
        if (other) {
            recommended = List.of();
        }
        render(null, List.of());
        data.detail(user, view.id()).zipWith(data.history(user, view.id()))
                .subscribe(loaded -> ui.access(() -> {
                    if (incident != null && incident.id().equals(view.id())) {
                        render(loaded.getT1(), loaded.getT2());
                    }
                }), error -> ui.access(() -> notify(error.getMessage())));
        data.recommend(user, view.latitude(), view.longitude())
                .subscribe(list -> ui.access(() -> {
                    recommended = list;
                    if (incident != null && incident.id().equals(view.id())) {
                        render(null, null);
                    }
                }), error -> ui.access(() -> notify(error.getMessage())));
    }

    private IncidentDetail lastDetail;
    private List<TransitionView> lastHistory = List.of();

    private void render(IncidentDetail detail, List<TransitionView> history) {
        if (detail != null) {
            lastDetail = detail;
        }
        if (history != null && !history.isEmpty()) {
            lastHistory = history;
        }
        content.removeAll();
        H2 title = new H2(getTranslation("kind." + incident.kind()) + " · " + IncidentTexts.ward(incident.wardCode()));
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        HorizontalLayout status = new HorizontalLayout(IncidentTexts.severityBadge(this, incident),
                new Span(incident.score() + " · " + getTranslation("status." + incident.status())),
                new Span(getTranslation("queue.call112") + ": " + getTranslation("call112." + incident.call112())),
                new Span(getTranslation("queue.callback") + ": " + getTranslation("callback." + incident.callback())));
        status.setId("incident-status");
        content.add(title, status, new H3(getTranslation("detail.responders")), responders(), actions());
        content.add(new H3(getTranslation("detail.why")), list(incident.reasons()));
        if (lastDetail != null && lastDetail.incident().id().equals(incident.id())) {
            content.add(new H3(getTranslation("detail.household")), household(lastDetail));
            content.add(new H3(getTranslation("detail.devices")), list(lastDetail.devices().stream()
                    .map(d -> d.deviceId() + " · " + getTranslation("family." + d.family()) + " · "
                            + (d.lastHeard() == null ? getTranslation("detail.device.unknown")
                            : (d.silent() ? getTranslation("detail.device.silent") : getTranslation("detail.device.ok"))
                            + " " + TIME.format(d.lastHeard())))
                    .toList()));
        }
        if (!lastHistory.isEmpty() && lastDetail != null && lastDetail.incident().id().equals(incident.id())) {
            content.add(new H3(getTranslation("detail.timeline")), list(lastHistory.stream()
                    .map(t -> TIME.format(t.at()) + " · " + t.actor() + " · " + t.kind()
                            + (t.to() == null ? "" : " → " + t.to()) + (t.note() == null ? "" : " · " + t.note()))
                    .toList()));
        }
    }

    private Div household(IncidentDetail detail) {
        Div box = new Div();
        box.setId("household");
        if (detail.householdId() == null) {
            box.setText(getTranslation("kind.PROWLER"));
            return box;
        }
        String masked = detail.masked() ? " (" + getTranslation("detail.masked") + ")" : "";
        box.add(new Div(new Span((detail.protectedPerson() ? "⚠ " + getTranslation("detail.protected") + " · " : "")
                + (detail.masked() ? getTranslation("detail.maskedName") : detail.contactName()) + " · " + detail.contactPhone() + masked)));
        box.add(new Div(new Span(detail.address())));
        return box;
    }

    private FlexLayout actions() {
        Button acknowledge = action("action.acknowledge", Action.ACKNOWLEDGE, Key.KEY_A);
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        acknowledge.setId("action-acknowledge");
        Button enRoute = action("action.en_route", Action.EN_ROUTE, Key.KEY_E);
        Button onScene = action("action.on_scene", Action.ON_SCENE, Key.KEY_S);
        Button falseAlarm = action("action.false_alarm", Action.FALSE_ALARM, Key.KEY_F);
        Button resolve = new Button(getTranslation("action.resolve"),
                click -> send(IncidentCommand.of(incident.id(), Action.RESOLVE, user.username()).withValue(outcome.getValue())));
        resolve.addClickShortcut(Key.KEY_R, KeyModifier.ALT);
        Button addNote = new Button(getTranslation("action.note"), click -> {
            send(IncidentCommand.of(incident.id(), Action.NOTE, user.username()).withNote(note.getValue()));
            note.clear();
        });
        note.addFocusShortcut(Key.KEY_N, KeyModifier.ALT);
        ComboBox<String> call112 = statusBox("action.call112", "call112.", List.of("REQUESTED", "ACCEPTED", "PATROL_ASSIGNED"), Action.CALL_112);
        ComboBox<String> callback = statusBox("action.callback", "callback.", List.of("CALLING", "REACHED", "NO_ANSWER"), Action.CALLBACK);
        FlexLayout buttons = new FlexLayout(acknowledge, enRoute, onScene, outcome, resolve, falseAlarm, call112, callback, note, addNote);
        buttons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        buttons.getStyle().set("gap", "var(--lumo-space-s)");
        return buttons;
    }

    private ComboBox<String> statusBox(String label, String prefix, List<String> values, Action action) {
        ComboBox<String> box = new ComboBox<>(getTranslation(label));
        box.setItems(values);
        box.setItemLabelGenerator(v -> getTranslation(prefix + v));
        box.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                send(IncidentCommand.of(incident.id(), action, user.username()).withValue(change.getValue()));
            }
        });
        return box;
    }

    private Button action(String label, Action action, Key key) {
        Button button = new Button(getTranslation(label), click -> send(IncidentCommand.of(incident.id(), action, user.username())));
        button.addClickShortcut(key, KeyModifier.ALT);
        return button;
    }

    private UnorderedList responders() {
        UnorderedList list = new UnorderedList();
        list.setId("recommended-responders");
        for (int i = 0; i < recommended.size(); i++) {
            ResponderRecommendation r = recommended.get(i);
            Button dispatch = new Button(getTranslation("action.dispatch"), click -> send(
                    IncidentCommand.of(incident.id(), Action.DISPATCH, user.username()).dispatching(r.responderId(), null, false)));
            dispatch.addThemeVariants(ButtonVariant.LUMO_SMALL);
            dispatch.setId("dispatch-" + r.responderId());
            if (i == 0) {
                dispatch.addClickShortcut(Key.KEY_D, KeyModifier.ALT);
                dispatch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            list.add(new ListItem(new Span(getTranslation("responder." + r.kind()) + " " + r.callSign() + " · "
                    + Math.round(r.distanceMetres()) + " m · " + getTranslation("detail.eta") + " "
                    + (r.etaSeconds() / 60) + "분 " + (r.etaSeconds() % 60) + "초 "), dispatch));
        }
        return list;
    }

    private void send(IncidentCommand command) {
        if (incident == null) {
            return;
        }
        UI ui = UI.getCurrent();
        data.command(user, command).subscribe(result -> ui.access(() -> answered(result)));
    }

    private void answered(CommandResult result) {
        if (!result.accepted()) {
            notify(result.error());
            return;
        }
        if (result.incident() != null && incident != null && result.incident().id().equals(incident.id())) {
            show(result.incident());
        }
    }

    private void notify(String message) {
        Notification notification = Notification.show(getTranslation("action.refused") + ": " + message, 5000,
                Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static UnorderedList list(List<String> lines) {
        UnorderedList list = new UnorderedList();
        lines.forEach(line -> list.add(new ListItem(line)));
        return list;
    }
}
