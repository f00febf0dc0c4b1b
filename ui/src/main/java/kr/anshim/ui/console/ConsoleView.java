package kr.anshim.ui.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import jakarta.annotation.security.PermitAll;
import kr.anshim.ui.police.PoliceView;
import kr.anshim.ui.security.AdminView;
import kr.anshim.api.IncidentView;
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
 * open incidents keep it responsive. A new critical incident sounds and flashes until acknowledged.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("관제 콘솔 · 안심 통합관제")
@PermitAll
@JsModule("./anshim-alarm.js")
public class ConsoleView extends VerticalLayout implements BeforeEnterObserver {

    static final Duration PUSH_INTERVAL = Duration.ofMillis(250);

    private final ScreenData data;
    private final AnshimUser user;
    private final Clock clock = Clock.systemUTC();
    private final OpenIncidents open = new OpenIncidents();
    private final List<IncidentView> rows = new ArrayList<>();
    private final ListDataProvider<IncidentView> provider = new ListDataProvider<>(rows);
    private final Grid<IncidentView> queue = new Grid<>();
    private final WardMap map;
    private final IncidentPanel panel;
    private final Span alert = new Span();
    private final Span status = new Span();
    private Disposable subscriptions = Disposables.composite();

    public ConsoleView(ScreenData data, ObjectMapper json) {
        this.data = data;
        this.user = CurrentUser.require();
        this.map = new WardMap(json);
        this.panel = new IncidentPanel(data, user);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        configureQueue();
        alert.addClassName("anshim-alert");
        alert.setId("critical-alert");
        alert.setVisible(false);
        status.setId("live-status");
        status.setText(getTranslation("live.connecting"));
        HorizontalLayout bar = new HorizontalLayout(status, alert, new Span(getTranslation("map.legend")));
        bar.setPadding(true);
        bar.setWidthFull();
        map.setSizeFull();
        map.addSelectListener(this::select);
        VerticalLayout left = new VerticalLayout(queue);
        left.setPadding(false);
        left.setWidth("38%");
        left.setHeightFull();
        panel.setWidth("30%");
        HorizontalLayout body = new HorizontalLayout(left, map, panel);
        body.setSizeFull();
        body.setSpacing(false);
        body.setFlexGrow(1, map);
        add(bar, body);
        setFlexGrow(1, body);
    }

    /** The console is for operators and supervisors; everyone else lands on their own screen. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        switch (user.role()) {
            case "POLICE_LIAISON" -> event.forwardTo(PoliceView.class);
            case "ADMIN" -> event.forwardTo(AdminView.class);
            default -> { }
        }
    }

    private void configureQueue() {
        queue.setId("incident-queue");
        queue.addClassName("anshim-queue");
        queue.setItems(provider);
        queue.setSizeFull();
        queue.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        queue.addComponentColumn(i -> IncidentTexts.severityBadge(this, i)).setHeader(getTranslation("queue.severity"))
                .setAutoWidth(true).setFlexGrow(0);
        queue.addColumn(IncidentView::score).setHeader(getTranslation("queue.score")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        queue.addColumn(i -> getTranslation("kind." + i.kind())).setHeader(getTranslation("queue.kind")).setAutoWidth(true);
        queue.addColumn(i -> IncidentTexts.ward(i.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true);
        queue.addColumn(i -> IncidentTexts.age(i.openedAt(), clock.instant())).setHeader(getTranslation("queue.age"))
                .setAutoWidth(true).setFlexGrow(0);
        queue.addColumn(i -> getTranslation("status." + i.status())).setHeader(getTranslation("queue.status")).setAutoWidth(true);
        queue.addColumn(i -> getTranslation("family." + i.family())).setHeader(getTranslation("queue.family")).setAutoWidth(true);
        queue.addColumn(i -> getTranslation("call112." + i.call112())).setHeader(getTranslation("queue.call112")).setAutoWidth(true);
        queue.addColumn(i -> getTranslation("callback." + i.callback())).setHeader(getTranslation("queue.callback")).setAutoWidth(true);
        queue.addColumn(IncidentTexts::why).setHeader(getTranslation("queue.why")).setAutoWidth(true);
        queue.setClassNameGenerator(i -> "severity-" + i.severity().toLowerCase());
        queue.asSingleSelect().addValueChangeListener(change -> {
            if (change.getValue() != null) {
                panel.show(change.getValue());
                if (change.isFromClient()) {
                    map.select(change.getValue().id());
                }
            }
        });
    }

    private void select(UUID id) {
        open.get(id).ifPresent(incident -> {
            queue.select(incident);
            queue.scrollToIndex(rows.indexOf(incident));
        });
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        Disposable incidents = PacedDelivery.deliver(data.incidents(user), ScreenData.DEMAND, PUSH_INTERVAL, ui, this::show,
                error -> ui.access(() -> status.setText(getTranslation("live.off"))));
        Disposable responders = data.responders(user)
                .bufferTimeout(2000, Duration.ofMillis(1000))
                .subscribe(batch -> ui.access(() -> map.upsertResponders(batch)), error -> { });
        Disposable ages = Flux.interval(Duration.ofSeconds(5))
                .subscribe(tick -> ui.access(provider::refreshAll));
        Disposable connected = data.connected(user)
                .subscribe(null, error -> ui.access(() -> status.setText(getTranslation("live.off"))),
                        () -> ui.access(this::showStatus));
        subscriptions = Disposables.composite(incidents, responders, ages, connected);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.dispose();
        detachEvent.getUI().getPage().executeJs("window.anshimAlarm && window.anshimAlarm.set(0)");
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
        rows.clear();
        rows.addAll(open.ranked());
        provider.refreshAll();
        map.remove(changes.removed());
        map.upsert(changes.upserted());
        showStatus();
        long critical = open.all().stream().filter(i -> i.severity().equals("CRITICAL") && i.status().equals("NEW")).count();
        alert.setText(getTranslation("alert.critical", critical));
        alert.setVisible(critical > 0);
        Page page = UI.getCurrent().getPage();
        page.executeJs("window.anshimAlarm && window.anshimAlarm.set($0)", (int) critical);
    }
}
