package kr.anshim.ui.console;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
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
import kr.anshim.api.Outcome;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.TransitionView;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The selected incident: why it ranks where it does, the household and its devices, the
 * timeline, the closest responders with their arrival estimate, and every action, each reachable
 * from the keyboard (Alt+A acknowledge, Alt+D dispatch the first recommendation, Alt+E en route,
 * Alt+S on scene, Alt+N note, Alt+R resolve, Alt+F false alarm). Only the actions the incident may
 * take now are enabled ({@link NextActions}); resolve and false alarm ask for a reason (and resolve
 * for an outcome) in a dialog that names the incident, so neither closes one with a keystroke; a
 * closed incident within the backend's grace period offers its reopening, with a reason, the same way.
 * A refusal is shown translated, one at a time.
 */
class IncidentPanel extends VerticalLayout {

    private static final Logger log = LoggerFactory.getLogger(IncidentPanel.class);
    private static final DateTimeFormatter TIME = Timeline.TIME;
    private static final List<String> OUTCOMES = Outcome.chosenOnResolve().stream().map(Enum::name).toList();

    private final ScreenData data;
    private final AnshimUser user;
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private final Div content = new Div();
    private final TextArea note = new TextArea();
    private Notification refusal;
    private IncidentView incident;
    private List<ResponderRecommendation> recommended = List.of();
    private final ProcedureChecklistView procedure;
    /** The door-camera snapshots and the evidence export; reloaded on a new signal or a 112 hand-off change (masking). */
    private final EvidenceView evidence;
    /** The units sent to the selected incident, with their live status from the board; updated in place. */
    private final Div assigned = new Div();
    private List<kr.anshim.api.DispatchView> dispatches = List.of();
    private kr.anshim.api.ResponderBoard board;

    /** Alarm management's shelving for the selected incident (its own component, package alarm). */
    private final kr.anshim.ui.alarm.ShelveAction shelve;

    IncidentPanel(ScreenData data, AnshimUser user, kr.anshim.ui.alarm.ShelveAction shelve) {
        this.data = data;
        this.user = user;
        this.shelve = shelve;
        addClassName("anshim-detail");
        setId("incident-panel");
        setHeightFull();
        note.setPlaceholder(getTranslation("action.note.placeholder"));
        note.setWidthFull();
        note.setMaxLength(2000);
        note.addFocusShortcut(Key.KEY_N, KeyModifier.ALT); // once: the panel re-renders its actions on every update
        content.setWidthFull();
        procedure = new ProcedureChecklistView(data, user);
        evidence = new EvidenceView(data, user);
        assigned.setId("assigned-units");
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
        boolean evidenceChanged = other || incident.signals() != view.signals() || incident.call112() != view.call112();
        incident = view;
        UI ui = UI.getCurrent();
        if (other) {
            recommended = List.of();
            dispatches = List.of();
            note.clear(); // a note half-written for one incident never lands on the next
            procedure.load(view.id());
        }
        shelve.show(view);
        if (evidenceChanged) {
            evidence.load(view.id());
        }
        render(null, List.of());
        data.detail(user, view.id()).zipWith(data.history(user, view.id()))
                .subscribe(loaded -> ui.access(() -> {
                    if (incident != null && incident.id().equals(view.id())) {
                        render(loaded.getT1(), loaded.getT2());
                    }
                }), error -> ui.access(() -> failed(error)));
        data.dispatches(user, view.id())
                .subscribe(list -> ui.access(() -> {
                    if (incident != null && incident.id().equals(view.id())) {
                        dispatches = list;
                        renderAssigned();
                    }
                }), error -> ui.access(() -> failed(error)));
        data.recommend(user, view.latitude(), view.longitude())
                .subscribe(list -> ui.access(() -> {
                    recommended = list;
                    if (incident != null && incident.id().equals(view.id())) {
                        render(null, null);
                    }
                }), error -> ui.access(() -> failed(error)));
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
        renderAssigned();
        content.add(title, status, new H3(getTranslation("detail.assigned")), assigned,
                new H3(getTranslation("detail.responders")), responders(), actions(), shelve);
        content.add(new H3(getTranslation("detail.why")), list(IncidentTexts.reasons(this, incident)), procedure, evidence);
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
                    .map(t -> Timeline.line(this, t)).toList()));
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
        Set<Action> legal = NextActions.legal(incident, clock.instant());
        Button acknowledge = action("action.acknowledge", Action.ACKNOWLEDGE, Key.KEY_A, "action-acknowledge", legal);
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button enRoute = action("action.en_route", Action.EN_ROUTE, Key.KEY_E, "action-en-route", legal);
        Button onScene = action("action.on_scene", Action.ON_SCENE, Key.KEY_S, "action-on-scene", legal);
        Button resolve = closing("action.resolve", Action.RESOLVE, Key.KEY_R, "action-resolve", legal);
        resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        Button falseAlarm = closing("action.false_alarm", Action.FALSE_ALARM, Key.KEY_F, "action-false-alarm", legal);
        falseAlarm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button addNote = new Button(getTranslation("action.note"), click -> {
            if (note.getValue().isBlank()) {
                refused(getTranslation("refusal.note.empty"));
                return;
            }
            send(IncidentCommand.of(incident.id(), Action.NOTE, user.username()).withNote(note.getValue()));
            note.clear();
        });
        addNote.setId("action-note");
        ComboBox<String> call112 = statusBox("action.call112", "call112.", incident.call112().name(), NextActions.call112(incident),
                Action.CALL_112, "action-call112");
        ComboBox<String> callback = statusBox("action.callback", "callback.", incident.callback().name(), NextActions.callback(incident),
                Action.CALLBACK, "action-callback");
        FlexLayout buttons = new FlexLayout(acknowledge, enRoute, onScene, resolve, falseAlarm, call112, callback, note, addNote);
        if (legal.contains(Action.REOPEN)) {
            IncidentView target = incident;
            Button reopen = new Button(getTranslation("action.reopen", TIME.format(target.next().reopenUntil())),
                    click -> confirmClose(target, Action.REOPEN));
            reopen.setId("action-reopen");
            reopen.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            buttons.addComponentAsFirst(reopen);
        }
        buttons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        buttons.getStyle().set("gap", "var(--lumo-space-s)");
        return buttons;
    }

    /** Shows the current state; offers only the states it may move to next. */
    private ComboBox<String> statusBox(String label, String prefix, String current, List<String> next, Action action, String id) {
        ComboBox<String> box = new ComboBox<>(getTranslation(label));
        box.setId(id);
        List<String> items = new ArrayList<>();
        items.add(current);
        items.addAll(next);
        box.setItems(items);
        box.setItemLabelGenerator(v -> v.equals(current) ? getTranslation(prefix + v) + " " + getTranslation("action.current")
                : "→ " + getTranslation(prefix + v));
        box.setValue(current);
        box.setAllowCustomValue(false);
        box.setEnabled(!next.isEmpty());
        UUID target = incident.id();
        box.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null && !change.getValue().equals(current)) {
                send(IncidentCommand.of(target, action, user.username()).withValue(change.getValue()));
            }
        });
        return box;
    }

    private Button action(String label, Action action, Key key, String id, Set<Action> legal) {
        UUID target = incident.id();
        Button button = new Button(getTranslation(label), click -> send(IncidentCommand.of(target, action, user.username())));
        button.setId(id);
        button.addClickShortcut(key, KeyModifier.ALT);
        button.setEnabled(legal.contains(action));
        return button;
    }

    /** Resolve and false alarm: a dialog for this incident asks for the reason (and the outcome), then confirms. */
    private Button closing(String label, Action action, Key key, String id, Set<Action> legal) {
        IncidentView target = incident;
        Button button = new Button(getTranslation(label), click -> confirmClose(target, action));
        button.setId(id);
        button.addClickShortcut(key, KeyModifier.ALT);
        button.setEnabled(legal.contains(action));
        return button;
    }

    /** Resolve, false alarm or reopen: each asks for the reason in a dialog that names the incident. */
    private void confirmClose(IncidentView target, Action action) {
        String key = switch (action) {
            case RESOLVE -> "resolve";
            case REOPEN -> "reopen";
            default -> "false_alarm";
        };
        Dialog dialog = new Dialog();
        dialog.setId("close-dialog");
        dialog.setHeaderTitle(getTranslation("close." + key + ".title"));
        Span which = new Span(getTranslation("kind." + target.kind()) + " · " + IncidentTexts.ward(target.wardCode()) + " · "
                + getTranslation("severity." + target.severity()) + " · " + TIME.format(target.openedAt()));
        ComboBox<String> outcome = new ComboBox<>(getTranslation("action.outcome"));
        outcome.setId("close-outcome");
        outcome.setItems(OUTCOMES);
        outcome.setItemLabelGenerator(o -> getTranslation("outcome." + o));
        outcome.setRequired(true);
        outcome.setWidthFull();
        outcome.setVisible(action == Action.RESOLVE);
        TextArea reason = new TextArea(getTranslation("close.reason"));
        reason.setId("close-reason");
        reason.setRequired(true);
        reason.setMaxLength(2000);
        reason.setWidthFull();
        reason.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        Button confirm = new Button(getTranslation("close." + key + ".confirm"));
        confirm.setId("close-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (action != Action.REOPEN) {
            confirm.addThemeVariants(action == Action.RESOLVE ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
        }
        confirm.setEnabled(false);
        Runnable check = () -> confirm.setEnabled(!reason.getValue().isBlank()
                && (action != Action.RESOLVE || outcome.getValue() != null));
        reason.addValueChangeListener(change -> check.run());
        outcome.addValueChangeListener(change -> check.run());
        confirm.addClickListener(click -> {
            IncidentCommand command = IncidentCommand.of(target.id(), action, user.username()).withNote(reason.getValue().strip());
            send(action == Action.RESOLVE ? command.withValue(outcome.getValue()) : command);
            dialog.close();
        });
        Button cancel = new Button(getTranslation("close.cancel"), click -> dialog.close());
        cancel.setId("close-cancel");
        VerticalLayout body = new VerticalLayout(which, outcome, reason);
        body.setPadding(false);
        body.setMinWidth("28em");
        dialog.add(body);
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        (action == Action.RESOLVE ? outcome : reason).focus();
    }

    private UnorderedList responders() {
        UnorderedList list = new UnorderedList();
        list.setId("recommended-responders");
        for (int i = 0; i < recommended.size(); i++) {
            ResponderRecommendation r = recommended.get(i);
            IncidentView shown = incident;
            Button dispatch = new Button(getTranslation("action.dispatch"),
                    click -> new DispatchDialog(shown, r, user.username(), this::send).open());
            dispatch.setEnabled(NextActions.legal(incident).contains(Action.DISPATCH));
            dispatch.addThemeVariants(ButtonVariant.LUMO_SMALL);
            dispatch.setId("dispatch-" + r.responderId());
            if (i == 0) {
                dispatch.addClickShortcut(Key.KEY_D, KeyModifier.ALT);
                dispatch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            list.add(new ListItem(new Span(getTranslation("responder." + r.kind()) + " " + r.callSign() + " · "
                    + Math.round(r.distanceMetres()) + " m · " + getTranslation("detail.eta") + " "
                    + getTranslation("detail.eta.value", r.etaSeconds() / 60, r.etaSeconds() % 60) + " "), dispatch));
        }
        return list;
    }

    /** The latest responder status board: the assigned units' status, ETA and position time follow it. */
    void board(kr.anshim.api.ResponderBoard latest) {
        board = latest;
        if (incident != null) {
            renderAssigned();
        }
    }

    /** Each unit sent to this incident: its live status, ETA, last position time (KST, stale flagged), basis and fee. */
    private void renderAssigned() {
        assigned.removeAll();
        if (incident == null) {
            return;
        }
        UUID id = incident.id();
        List<String> lines = AssignedUnits.lines(this, id, dispatches, board);
        if (lines.isEmpty()) {
            assigned.add(new Span(getTranslation("detail.assigned.none")));
            return;
        }
        UnorderedList list = new UnorderedList();
        lines.forEach(line -> list.add(new ListItem(line)));
        assigned.add(list);
    }

    private void send(IncidentCommand command) {
        if (incident == null) {
            return;
        }
        UI ui = UI.getCurrent();
        data.command(user, command).subscribe(result -> ui.access(() -> answered(result)), error -> ui.access(() -> failed(error)));
    }

    private void answered(CommandResult result) {
        if (!result.accepted()) {
            log.info("Command refused for {}: {}", user.username(), result.error());
            refused(Refusals.translate(this, result.error()));
            if (result.incident() != null && incident != null && result.incident().id().equals(incident.id())) {
                show(result.incident()); // the refusal says how it stands: show that, not what the screen thought
            }
            return;
        }
        if (refusal != null) {
            refusal.close();
        }
        if (result.incident() != null && incident != null && result.incident().id().equals(incident.id())) {
            show(result.incident());
        }
    }

    private void failed(Throwable error) {
        log.warn("Backend request failed for {}: {}", user.username(), error.toString());
        refused(getTranslation("refusal.unavailable"));
    }

    /** One refusal on screen at a time: a new one replaces the last. */
    private void refused(String message) {
        if (refusal != null) {
            refusal.close();
        }
        refusal = Notification.show(getTranslation("action.refused") + ": " + message, 6000, Notification.Position.TOP_CENTER);
        refusal.addThemeVariants(NotificationVariant.LUMO_ERROR);
        refusal.setId("action-refusal");
    }

    private static UnorderedList list(List<String> lines) {
        UnorderedList list = new UnorderedList();
        lines.forEach(line -> list.add(new ListItem(line)));
        return list;
    }
}
