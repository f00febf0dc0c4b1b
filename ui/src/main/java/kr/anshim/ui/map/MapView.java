package kr.anshim.ui.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import kr.anshim.api.IncidentView;
import kr.anshim.ui.backend.LiveIncidents;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live map of the 25 wards. Subscribes on attach, disposes on detach; updates are batched
 * to at most four pushes a second so a burst of alarms cannot freeze the browser.
 */
@Route("")
@PageTitle("안심 통합관제 · Anshim control centre")
public class MapView extends VerticalLayout {

    static final Duration PUSH_INTERVAL = Duration.ofMillis(250);
    private static final Set<String> CLOSED = Set.of("RESOLVED", "FALSE_ALARM", "CANCELLED");

    private final LiveIncidents live;
    private final WardMap map;
    private final Span status = new Span("백엔드 연결 중… · connecting");
    private final Map<String, IncidentView> open = new HashMap<>();
    private Disposable subscription;

    public MapView(LiveIncidents live, ObjectMapper json) {
        this.live = live;
        this.map = new WardMap(json);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        add(header(), map);
        setFlexGrow(1, map);
    }

    private HorizontalLayout header() {
        H1 title = new H1("안심 통합관제 · 실시간 지도");
        title.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("margin", "0");
        Span subtitle = new Span("Anshim control centre · live ward map");
        subtitle.getStyle().set("color", "var(--lumo-secondary-text-color)");
        status.setId("live-status");
        HorizontalLayout header = new HorizontalLayout(title, subtitle, legend(), status);
        header.addClassName("anshim-header");
        header.setWidthFull();
        header.setPadding(true);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.expand(subtitle);
        return header;
    }

    private static Span legend() {
        Span legend = new Span();
        legend.getElement().setProperty("innerHTML",
                "<span style='color:#ff453a'>● 긴급 critical</span> &nbsp;<span style='color:#ff9f0a'>● 높음 high</span>"
                        + " &nbsp;<span style='color:#ffd60a'>● 보통 medium</span> &nbsp;<span style='color:#64d2ff'>● 낮음 low</span>");
        return legend;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        subscription = live.stream()
                .bufferTimeout(500, PUSH_INTERVAL)
                .subscribe(batch -> ui.access(() -> show(batch)),
                        error -> ui.access(() -> status.setText("백엔드 연결 끊김 · backend unreachable")));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private void show(List<IncidentView> batch) {
        for (IncidentView incident : batch) {
            IncidentView known = open.get(incident.id().toString());
            if (known != null && known.updatedAt().isAfter(incident.updatedAt())) {
                continue;
            }
            if (CLOSED.contains(incident.status())) {
                open.remove(incident.id().toString());
            } else {
                open.put(incident.id().toString(), incident);
            }
        }
        map.upsert(batch);
        status.setText("실시간 · live — 열린 사건 " + open.size() + "건 · open incidents");
    }
}
