package kr.anshim.ui.supervisor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.StreamResource;
import kr.anshim.api.AlarmLoad;
import kr.anshim.api.AlarmLoadQuery;
import kr.anshim.api.AlarmLoadReport;
import kr.anshim.api.Handover;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Operator load after ISA-18.2 / EEMUA 191 (the backend's {@code alarm.load}): per ward and per
 * operator shift, each measure coloured green, amber or red against its target, exported as CSV in
 * Seoul time; and the shift handovers nobody has acknowledged yet.
 */
class AlarmLoadPanel extends VerticalLayout {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SEOUL);
    private static final Map<String, Duration> PERIODS = new LinkedHashMap<>();

    static {
        PERIODS.put("1h", Duration.ofHours(1));
        PERIODS.put("24h", Duration.ofHours(24));
        PERIODS.put("7d", Duration.ofDays(7));
    }

    private final ScreenData data;
    private final AnshimUser user;
    private final Clock clock = Clock.systemUTC();
    private final ComboBox<String> period = new ComboBox<>();
    private final Grid<AlarmLoad> table = new Grid<>();
    private final Grid<Handover> handovers = new Grid<>();
    private volatile AlarmLoadReport last;

    AlarmLoadPanel(ScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setPadding(false);
        period.setLabel(getTranslation("alarm.load.period"));
        period.setItems(PERIODS.keySet());
        period.setValue("24h");
        Button refresh = new Button(getTranslation("alarm.load.refresh"), click -> load());
        refresh.setId("alarm-load-refresh");
        Anchor csv = new Anchor(new StreamResource("anshim-alarm-load.csv", this::csv), getTranslation("alarm.load.csv"));
        csv.getElement().setAttribute("download", true);
        csv.setId("alarm-load-csv");
        table.setId("alarm-load");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.setAllRowsVisible(true);
        table.addColumn(this::who).setHeader(getTranslation("alarm.load.who")).setAutoWidth(true);
        table.addColumn(AlarmLoad::presented).setHeader(getTranslation("alarm.load.presented"));
        rated("per10Minutes", l -> decimal(l.per10Minutes()));
        rated("perHour", l -> decimal(l.perHour()));
        rated("peak10Minutes", l -> Long.toString(l.peak10Minutes()));
        rated("floodPercent", l -> decimal(l.floodPercent()) + "%");
        rated("chattering", l -> Integer.toString(l.chattering().size()));
        rated("stale", l -> Long.toString(l.stale()));
        rated("topShare", l -> decimal(l.topShare()) + "%");
        rated("mix", l -> "%s / %s / %s".formatted(whole(l.mix().get("LOW")), whole(l.mix().get("MEDIUM")), whole(l.mix().get("HIGH"))));
        handovers.setId("pending-handovers");
        handovers.addThemeVariants(GridVariant.LUMO_COMPACT);
        handovers.setAllRowsVisible(true);
        handovers.addColumn(h -> IncidentTexts.ward(h.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true);
        handovers.addColumn(Handover::outgoing).setHeader(getTranslation("handover.outgoing")).setAutoWidth(true);
        handovers.addColumn(h -> KST.format(h.createdAt())).setHeader(getTranslation("handover.at")).setAutoWidth(true);
        handovers.addColumn(Handover::note).setHeader(getTranslation("handover.note"));
        add(new H3(getTranslation("alarm.load.title")), new Span(getTranslation("alarm.load.targets")),
                new HorizontalLayout(period, refresh, csv), table, new H3(getTranslation("handover.pending")), handovers);
    }

    void load() {
        UI ui = UI.getCurrent();
        Instant to = clock.instant();
        Instant from = to.minus(PERIODS.get(period.getValue() == null ? "24h" : period.getValue()));
        data.alarmLoad(user, new AlarmLoadQuery(from, to, List.of())).subscribe(report -> ui.access(() -> {
            last = report;
            List<AlarmLoad> rows = new ArrayList<>(report.wards().stream().filter(l -> l.presented() > 0 || l.stale() > 0).toList());
            rows.addAll(report.operators());
            table.setItems(rows);
        }), error -> ui.access(() -> table.setItems(List.of())));
        data.pendingHandovers(user).subscribe(rows -> ui.access(() -> handovers.setItems(rows)), error -> { });
    }

    private void rated(String measure, Function<AlarmLoad, String> value) {
        table.addComponentColumn(load -> {
            String rating = load.ratings().getOrDefault(measure, "GREEN");
            Span cell = new Span(value.apply(load));
            cell.getElement().getThemeList().add("badge " + switch (rating) {
                case "RED" -> "error";
                case "AMBER" -> "contrast";
                default -> "success";
            });
            cell.getElement().setAttribute("title", getTranslation("alarm.rating." + rating));
            cell.addClassName("rating-" + rating.toLowerCase(Locale.ROOT));
            return cell;
        }).setHeader(getTranslation("alarm.load." + measure)).setAutoWidth(true);
    }

    private String who(AlarmLoad load) {
        return "WARD".equals(load.scope()) ? IncidentTexts.ward(load.key())
                : load.key() + " · " + IncidentTexts.ward(load.wards().get(0));
    }

    /** The last report as CSV, times in Seoul time (KST). */
    private ByteArrayInputStream csv() {
        AlarmLoadReport report = last;
        StringBuilder out = new StringBuilder("\uFEFFscope,key,wards,from_kst,to_kst,presented,per_10_min,per_hour,peak_10_min,"
                + "flood_percent,floods,chattering_devices,stale,top10_share_percent,low_percent,medium_percent,high_percent,"
                + "ratings\n");
        if (report != null) {
            List<AlarmLoad> rows = new ArrayList<>(report.wards());
            rows.addAll(report.operators());
            for (AlarmLoad l : rows) {
                out.append(String.join(",", l.scope(), l.key(), String.join(" ", l.wards()), KST.format(l.from()), KST.format(l.to()),
                        Long.toString(l.presented()), decimal(l.per10Minutes()), decimal(l.perHour()), Long.toString(l.peak10Minutes()),
                        decimal(l.floodPercent()), Long.toString(l.floods()), String.join(" ", l.chattering()), Long.toString(l.stale()),
                        decimal(l.topShare()), decimal(l.mix().get("LOW")), decimal(l.mix().get("MEDIUM")), decimal(l.mix().get("HIGH")),
                        ratings(l))).append('\n');
            }
        }
        return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String ratings(AlarmLoad load) {
        return String.join(" ", load.ratings().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String decimal(Double value) {
        return String.format(Locale.ROOT, "%.2f", value == null ? 0 : value);
    }

    private static String whole(Double value) {
        return String.format(Locale.ROOT, "%.0f", value == null ? 0 : value);
    }
}
