package kr.anshim.ui.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.router.Menu;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import kr.anshim.api.Severity;
import kr.anshim.api.LiveFrame;
import kr.anshim.ui.backend.PacedDelivery;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.OpenIncidents;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.layout.MainLayout;
import kr.anshim.ui.map.WardMap;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import reactor.core.Disposable;
import reactor.core.Disposables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The operator console: the ranked queue, the ward map and the selected incident, all live.
 * Updates are batched to at most four pushes a second; the queue renders lazily, so thousands of
 * open incidents keep it responsive. A new critical incident sounds until acknowledged, once the
 * operator has started the shift (browsers play sound only after a click: until then, and after
 * every reload, the console says the sound is off); HIGH has its own, softer tone. The sound can be
 * silenced for {@link #SILENCE} at a time, recorded in this server's log under the user's name.
 * The banner keeps its place and selects the oldest unacknowledged critical incident.
 */
@Route(value = "console", layout = MainLayout.class)
@Menu(order = 1, title = "nav.console")
@RolesAllowed({"OPERATOR", "SUPERVISOR"})
@JsModule("./anshim-alarm.js")
public class ConsoleView extends VerticalLayout implements com.vaadin.flow.router.HasDynamicTitle {

    static final Duration PUSH_INTERVAL = Duration.ofMillis(250);
    static final Duration SILENCE = Duration.ofMinutes(5);
    /** How often the backend's flood state is read (its monitor ticks every 5 s). */
    static final Duration FLOOD_READ = Duration.ofSeconds(3);
    private static final Logger audit = LoggerFactory.getLogger("kr.anshim.ui.audit.AlarmSound");

    private final ScreenData data;
    private final AnshimUser user;
    private final Clock clock = Clock.systemUTC();
    private final OpenIncidents open = new OpenIncidents();
    private final List<IncidentView> rows = new ArrayList<>();
    /** Identified by incident id, so a selected row stays selected as new versions of it arrive. */
    private final ListDataProvider<IncidentView> provider = new ListDataProvider<>(rows) {
        @Override
        public Object getId(IncidentView item) {
            return item.id();
        }
    };
    private final Grid<IncidentView> queue = new Grid<>();
    private final WardMap map;
    private final IncidentPanel panel;
    private final RecentlyClosedView closed;
    private final Button alert = new Button();
    private final Span status = new Span();
    private Disposable subscriptions = Disposables.composite();
    private final kr.anshim.ui.alarm.AlarmScreenData alarms;
    /** Shown instead of the console until the operator has taken it (a handover to acknowledge first). */
    private final kr.anshim.ui.alarm.HandoverGate gate;
    private final HorizontalLayout bar;
    private final HorizontalLayout body;
    private final QueueToolbar tools;
    private final ResponderBoardView board;
    private QueueShape shape = QueueShape.DEFAULT;
    private QueueShape.Rows shaped = new QueueShape.Rows(List.of(), Map.of());

    public ConsoleView(ScreenData data, kr.anshim.ui.alarm.AlarmScreenData alarms, ObjectMapper json) {
        this.data = data;
        this.alarms = alarms;
        this.user = CurrentUser.require();
        this.map = new WardMap(json);
        this.panel = new IncidentPanel(data, user, new kr.anshim.ui.alarm.ShelveAction(alarms, user));
        this.gate = new kr.anshim.ui.alarm.HandoverGate(alarms, user, this::taken);
        boolean severalWards = user.role().equals("SUPERVISOR") || user.wards().size() != 1;
        this.tools = new QueueToolbar(severalWards, this::reshape, this::acknowledgeGroup);
        this.board = new ResponderBoardView(severalWards, open::get);
        this.closed = new RecentlyClosedView(severalWards, panel::show);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        configureQueue();
        alert.addClassNames("anshim-alert", "anshim-alert--idle");
        alert.setId("critical-alert");
        alert.setText(getTranslation("alert.none"));
        alert.addClickListener(click -> selectOldestCritical());
        status.setId("live-status");
        status.setText(getTranslation("live.connecting"));
        bar = new HorizontalLayout(status, alert, sound(), MapLegend.create(this), new kr.anshim.ui.alarm.ShelvedList(alarms, user));
        if (operator()) {
            Button handOver = new Button(getTranslation("handover.open"), click ->
                    new kr.anshim.ui.alarm.HandoverDialog(alarms, user, this::handedOver).open());
            handOver.setId("handover-open");
            handOver.addThemeVariants(ButtonVariant.LUMO_SMALL);
            bar.add(handOver);
        }
        bar.addClassName("anshim-bar");
        bar.setPadding(true);
        bar.setWidthFull();
        bar.setAlignItems(Alignment.CENTER);
        map.setSizeFull();
        map.addSelectListener(this::select);
        com.vaadin.flow.component.tabs.Tab queueTab = new com.vaadin.flow.component.tabs.Tab(getTranslation("tab.queue"));
        queueTab.setId("tab-queue");
        com.vaadin.flow.component.tabs.Tab boardTab = new com.vaadin.flow.component.tabs.Tab(getTranslation("tab.board"));
        boardTab.setId("tab-board");
        com.vaadin.flow.component.tabs.Tab closedTab = new com.vaadin.flow.component.tabs.Tab(getTranslation("tab.closed"));
        closedTab.setId("tab-closed");
        com.vaadin.flow.component.tabs.Tabs tabs = new com.vaadin.flow.component.tabs.Tabs(queueTab, boardTab, closedTab);
        tabs.addThemeVariants(com.vaadin.flow.component.tabs.TabsVariant.LUMO_SMALL);
        board.setVisible(false);
        closed.setVisible(false);
        tabs.addSelectedChangeListener(change -> {
            boolean units = change.getSelectedTab() == boardTab;
            boolean ended = change.getSelectedTab() == closedTab;
            board.setVisible(units);
            closed.setVisible(ended);
            tools.setVisible(!units && !ended);
            queue.setVisible(!units && !ended);
            if (ended) {
                loadClosed();
            }
        });
        VerticalLayout left = new VerticalLayout(tabs, tools, queue, board, closed);
        left.setPadding(false);
        left.setSpacing(false);
        left.setFlexGrow(1, queue);
        left.setFlexGrow(1, board);
        left.setFlexGrow(1, closed);
        // the queue and the panel keep their widths; the map takes what is left (it shrank the queue to 429 px)
        left.setWidth("34%");
        left.setMinWidth("38rem");
        left.setHeightFull();
        left.getStyle().set("flex-shrink", "0");
        panel.setWidth("28%");
        panel.setMinWidth("26rem");
        panel.getStyle().set("flex-shrink", "0");
        map.setMinWidth("0");
        body = new HorizontalLayout(left, map, panel);
        body.setWidthFull();
        body.setMinHeight("0"); // the flex grow gives it the rest of the page, not 100% below the bar
        body.addClassName("anshim-body");
        body.setSpacing(false);
        body.setFlexGrow(1, map);
        add(bar, body);
        setFlexGrow(1, body);
        if (operator()) {
            bar.setVisible(false);
            body.setVisible(false);
            addComponentAsFirst(gate);
        }
    }

    /** Operators take their wards' consoles (and acknowledge handovers); supervisors watch every ward without. */
    private boolean operator() {
        return user.role().equals("OPERATOR");
    }

    /** The console is the operator's now: the gate goes, the console shows and goes live. */
    private void taken() {
        gate.getParent().ifPresent(parent -> remove(gate));
        bar.setVisible(true);
        body.setVisible(true);
        live(UI.getCurrent());
    }

    /** The shift was handed over: the console closes until taken again. */
    private void handedOver() {
        subscriptions.dispose();
        bar.setVisible(false);
        body.setVisible(false);
        Span done = new Span(getTranslation("handover.done"));
        done.setId("handover-done");
        Button again = new Button(getTranslation("handover.again"), click -> UI.getCurrent().getPage().reload());
        again.setId("handover-again");
        addComponentAsFirst(new VerticalLayout(done, again));
    }

    /**
     * The sound controls; which of them shows is decided in the browser (html[data-anshim-sound],
     * set by anshim-alarm.js from the AudioContext's state), so a reload shows the warning at once.
     */
    private HorizontalLayout sound() {
        Span off = new Span(getTranslation("sound.off"));
        off.setId("sound-off");
        off.addClassNames("anshim-sound-warning", "anshim-sound-when-off");
        Button arm = new Button(getTranslation("sound.arm"), click ->
                audit.info("Shift started, alarm sound armed by {} ({})", user.username(), user.displayName()));
        arm.setId("arm-sound"); // anshim-alarm.js resumes the audio in this button's click
        arm.addClassName("anshim-sound-when-off");
        arm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Span on = new Span(getTranslation("sound.on"));
        on.setId("sound-on");
        on.addClassNames("anshim-sound-ok", "anshim-sound-when-armed");
        Button silence = new Button(getTranslation("sound.silence", SILENCE.toMinutes()), click -> silence());
        silence.setId("silence-sound");
        silence.addClassName("anshim-sound-when-armed");
        silence.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        Span silenced = new Span();
        silenced.setId("sound-silenced");
        silenced.addClassNames("anshim-sound-warning", "anshim-sound-when-silenced");
        Button unsilence = new Button(getTranslation("sound.unsilence"), click -> {
            audit.info("Alarm sound silence ended early by {} ({})", user.username(), user.displayName());
            UI.getCurrent().getPage().executeJs("window.anshimAlarm && window.anshimAlarm.unsilence()");
        });
        unsilence.setId("unsilence-sound");
        unsilence.addClassName("anshim-sound-when-silenced");
        unsilence.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout sound = new HorizontalLayout(off, arm, on, silence, silenced, unsilence);
        sound.addClassName("anshim-sound");
        sound.setAlignItems(Alignment.CENTER);
        sound.setSpacing(true);
        return sound;
    }

    /** Silences the alarm sound for {@link #SILENCE}; audited: who, when, until when (KST). */
    private void silence() {
        java.time.Instant until = clock.instant().plus(SILENCE);
        audit.info("Alarm sound silenced by {} ({}) for {} min, until {} KST", user.username(), user.displayName(),
                SILENCE.toMinutes(), java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(java.time.ZoneId.of("Asia/Seoul")).format(until));
        UI.getCurrent().getPage().executeJs("window.anshimAlarm && window.anshimAlarm.silence($0, $1)",
                (int) SILENCE.toMillis(), getTranslation("sound.silenced", "{0}"));
    }

    /** The banner's click: the oldest critical incident nobody has acknowledged yet. */
    private void selectOldestCritical() {
        open.all().stream().filter(ConsoleView::unacknowledgedCritical)
                .min(Comparator.comparing(IncidentView::openedAt))
                .ifPresent(incident -> {
                    select(incident.id());
                    panel.show(incident);
                    map.select(incident.id());
                });
    }

    private static boolean unacknowledgedCritical(IncidentView incident) {
        return incident.severity() == Severity.CRITICAL && incident.status() == IncidentStatus.NEW;
    }

    private void configureQueue() {
        queue.setId("incident-queue");
        queue.addClassName("anshim-queue");
        queue.setItems(provider);
        queue.setSizeFull();
        queue.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        // what decides the next move, narrow enough to fit beside the map; the reasons are in the panel
        queue.addComponentColumn(i -> IncidentTexts.severityBadge(this, i)).setHeader(getTranslation("queue.severity"))
                .setAutoWidth(true).setFlexGrow(0).setKey("severity");
        queue.addColumn(IncidentView::score).setHeader(getTranslation("queue.score")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END).setKey("score");
        queue.addColumn(i -> getTranslation("kind." + i.kind())).setHeader(getTranslation("queue.kind"))
                .setAutoWidth(true).setFlexGrow(1).setKey("kind");
        queue.addColumn(this::groupLabel).setHeader(getTranslation("queue.group")).setAutoWidth(true).setFlexGrow(0)
                .setKey("group").setVisible(false);
        if (user.role().equals("SUPERVISOR") || user.wards().size() != 1) {
            queue.addColumn(i -> IncidentTexts.ward(i.wardCode())).setHeader(getTranslation("queue.ward"))
                    .setAutoWidth(true).setFlexGrow(0).setKey("ward");
        }
        queue.addColumn(i -> IncidentTexts.age(i.openedAt(), clock.instant())).setHeader(getTranslation("queue.age"))
                .setAutoWidth(true).setFlexGrow(0).setKey("age");
        queue.addColumn(i -> getTranslation("status." + i.status())).setHeader(getTranslation("queue.status"))
                .setAutoWidth(true).setFlexGrow(0).setKey("status");
        queue.addColumn(i -> getTranslation("call112." + i.call112())).setHeader(getTranslation("queue.call112"))
                .setAutoWidth(true).setFlexGrow(0).setKey("call112");
        queue.addColumn(i -> getTranslation("callback." + i.callback())).setHeader(getTranslation("queue.callback"))
                .setAutoWidth(true).setFlexGrow(0).setKey("callback");
        queue.setClassNameGenerator(i -> "severity-" + i.severity().name().toLowerCase());
        queue.setPartNameGenerator(i -> groupStart(i) ? "group-start-row" : null);
        queue.asSingleSelect().addValueChangeListener(change -> {
            updateBulk();
            if (change.getValue() != null) {
                panel.show(change.getValue());
                if (change.isFromClient()) {
                    map.select(change.getValue().id());
                }
            }
        });
    }

    /** The operator changed the filters, sort or grouping. */
    private void reshape(QueueShape next) {
        shape = next;
        queue.getColumnByKey("group").setVisible(next.grouping() != QueueShape.Grouping.NONE);
        refreshRows();
    }

    private void refreshRows() {
        shaped = shape.apply(open.all());
        rows.clear();
        rows.addAll(shaped.rows());
        provider.refreshAll();
        updateBulk();
    }

    private String groupLabel(IncidentView incident) {
        QueueShape.Group group = shaped.groups().get(incident.id());
        if (group == null) {
            return QueueShape.critical(incident) && shape.pinCritical() ? getTranslation("queue.group.pinned") : "";
        }
        return getTranslation("queue.group.label." + group.key().substring(0, group.key().indexOf(':')), group.size());
    }

    private boolean groupStart(IncidentView incident) {
        QueueShape.Group group = shaped.groups().get(incident.id());
        int index = rows.indexOf(incident);
        return group != null && index > 0 && !group.equals(shaped.groups().get(rows.get(index - 1).id()));
    }

    /** The NEW incidents of the selected row's group, the ones a bulk acknowledgement would take. */
    private List<IncidentView> selectedGroup() {
        IncidentView selected = queue.asSingleSelect().getValue();
        if (selected == null) {
            return List.of();
        }
        return shaped.members(selected.id()).stream().filter(i -> i.status() == IncidentStatus.NEW).toList();
    }

    private void updateBulk() {
        List<IncidentView> group = selectedGroup();
        tools.bulkEnabled(!group.isEmpty(), group.size());
    }

    /**
     * Acknowledges the selected group; a critical incident goes with it only if it is the selected
     * row itself (the backend refuses the others: each must be looked at on its own).
     */
    private void acknowledgeGroup() {
        List<IncidentView> group = selectedGroup();
        IncidentView selected = queue.asSingleSelect().getValue();
        if (group.isEmpty() || selected == null) {
            return;
        }
        Set<UUID> confirmed = QueueShape.critical(selected) ? Set.of(selected.id()) : Set.of();
        UI ui = UI.getCurrent();
        data.acknowledge(user, new kr.anshim.api.BulkAcknowledge(group.stream().map(IncidentView::id).toList(), confirmed, null))
                .subscribe(answers -> ui.access(() -> BulkAnswers.show(this, answers)),
                        error -> ui.access(() -> BulkAnswers.failed(this, error)));
    }

    private void select(UUID id) {
        open.get(id).ifPresent(incident -> {
            queue.select(incident);
            queue.scrollToIndex(rows.indexOf(incident));
        });
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (operator()) {
            gate.take();
        } else {
            live(attachEvent.getUI());
        }
    }

    private void live(UI ui) {
        subscriptions.dispose();
        Disposable incidents = PacedDelivery.deliver(data.incidents(user), ScreenData.DEMAND, PUSH_INTERVAL, ui, this::show,
                error -> ui.access(() -> status.setText(getTranslation("live.off"))));
        Disposable responders = data.responders(user)
                .bufferTimeout(2000, Duration.ofMillis(1000))
                .subscribe(batch -> ui.access(() -> map.upsertResponders(batch)), error -> { });
        Disposable units = data.board(user)
                .subscribe(latest -> ui.access(() -> {
                    board.show(latest);
                    panel.board(latest);
                }), error -> { });
        Disposable ages = Flux.interval(Duration.ofSeconds(5))
                .subscribe(tick -> ui.access(provider::refreshAll));
        // the backend's flood monitor decides (and records) when this console is in flood; read one at a time
        Disposable flooding = Flux.interval(Duration.ZERO, FLOOD_READ).onBackpressureDrop()
                .concatMap(tick -> alarms.flood(user).map(kr.anshim.ui.alarm.ConsoleFlood::of)
                        .onErrorResume(error -> reactor.core.publisher.Mono.empty()), 1)
                .subscribe(state -> ui.access(() -> tools.flood(state.flooding(), state.rate())));
        Disposable connected = data.connected(user)
                .subscribe(null, error -> ui.access(() -> status.setText(getTranslation("live.off"))),
                        () -> ui.access(this::showStatus));
        subscriptions = Disposables.composite(incidents, responders, units, ages, flooding, connected);
    }

    /** Read when the tab is opened: what may still be reopened changes by the minute, not by the live feed. */
    private void loadClosed() {
        UI ui = UI.getCurrent();
        data.recentlyClosed(user).subscribe(list -> ui.access(() -> closed.show(list)),
                error -> ui.access(() -> closed.show(List.of())));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.dispose();
        detachEvent.getUI().getPage().executeJs("window.anshimAlarm && window.anshimAlarm.set(0, 0)");
    }

    private void showStatus() {
        status.setText(getTranslation("live.on") + " · " + getTranslation("live.count", open.size()));
    }

    private void show(List<LiveFrame> batch) {
        OpenIncidents.Changes changes = open.apply(batch);
        UUID selected = panel.selected();
        if (selected != null && changes.upserted(selected)) {
            open.get(selected).ifPresent(panel::show);
        }
        refreshRows();
        map.remove(changes.removed());
        map.upsert(changes.upserted());
        showStatus();
        long critical = open.all().stream().filter(ConsoleView::unacknowledgedCritical).count();
        long high = open.all().stream().filter(i -> i.severity() == Severity.HIGH && i.status() == IncidentStatus.NEW).count();
        // same place, same size, with or without: the layout never moves under the operator's pointer
        alert.setText(critical > 0 ? getTranslation("alert.critical", critical) : getTranslation("alert.none"));
        alert.setClassName("anshim-alert--idle", critical == 0);
        alert.setEnabled(critical > 0);
        Page page = UI.getCurrent().getPage();
        page.executeJs("window.anshimAlarm && window.anshimAlarm.set($0, $1)", (int) critical, (int) high);
    }

    /** The browser tab's title, in the user's language. */
    @Override
    public String getPageTitle() {
        return getTranslation("title.console");
    }
}
