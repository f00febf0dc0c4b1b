package kr.anshim.ui.supervisor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.StreamResource;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.Severity;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.ui.console.Refusals;
import kr.anshim.api.ResponseTimeRow;
import kr.anshim.api.ResponseTimeSummary;
import kr.anshim.api.WorkloadQuery;
import kr.anshim.api.WorkloadReport;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.chart.Chart;
import kr.anshim.ui.security.AnshimUser;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Response times for supervisors, computed by the backend from the stored transitions: p50/p90 of a
 * measure per group as a chart, every percentile and the share within target as a table, the
 * queue length over time and each operator's workload, and the per-incident rows as CSV.
 */
class ResponseTimesPanel extends VerticalLayout {

    private static final Map<String, Duration> PERIODS = new LinkedHashMap<>();

    static {
        PERIODS.put("24h", Duration.ofHours(24));
        PERIODS.put("7d", Duration.ofDays(7));
        PERIODS.put("30d", Duration.ofDays(30));
    }

    /** The period item that reads the two date pickers (whole days in Seoul, both included). */
    static final String CUSTOM = "custom";
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter KST = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(SEOUL);

    private final ScreenData data;
    private final AnshimUser user;
    private final Clock clock = Clock.systemUTC();
    private final ComboBox<String> period = new ComboBox<>(getTranslation("supervisor.rt.period"));
    private final ComboBox<String> dimension = new ComboBox<>(getTranslation("supervisor.rt.group_by"));
    private final ComboBox<String> measure = new ComboBox<>(getTranslation("supervisor.rt.measure"));
    private final Chart percentiles = new Chart();
    private final Chart queue = new Chart();
    private final Grid<ResponseTimeSummary> table = new Grid<>();
    private final Grid<WorkloadReport.OperatorLoad> operators = new Grid<>();
    private final Span summaryLine = new Span();
    private final Span queueStep = new Span();
    private final MultiSelectComboBox<Ward> wards = new MultiSelectComboBox<>();
    private final MultiSelectComboBox<Severity> severities = new MultiSelectComboBox<>();
    private final DatePicker fromDay = new DatePicker();
    private final DatePicker toDay = new DatePicker();
    private List<ResponseTimeSummary> lastSummary = List.of();

    ResponseTimesPanel(ScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setPadding(false);
        period.setId("response-times-period");
        period.setItems(List.of("24h", "7d", "30d", CUSTOM));
        period.setItemLabelGenerator(p -> getTranslation("supervisor.period." + p));
        period.setValue("24h");
        dimension.setId("response-times-dimension");
        dimension.setItems(ResponseTimeQuery.DIMENSIONS);
        dimension.setValue("ward");
        measure.setId("response-times-measure");
        measure.setItems(ResponseTimeSummary.MEASURES);
        measure.setValue("acknowledge");
        wards.setId("response-times-wards");
        wards.setLabel(getTranslation("supervisor.filter.wards"));
        wards.setPlaceholder(getTranslation("supervisor.filter.all"));
        wards.setItems(Wards.seoul().all());
        wards.setItemLabelGenerator(w -> IncidentTexts.ward(w.code()));
        severities.setId("response-times-severities");
        severities.setLabel(getTranslation("supervisor.filter.severities"));
        severities.setPlaceholder(getTranslation("supervisor.filter.all"));
        severities.setItems(Severity.values());
        severities.setItemLabelGenerator(v -> getTranslation("severity." + v));
        fromDay.setId("response-times-from");
        fromDay.setLabel(getTranslation("supervisor.filter.from"));
        toDay.setId("response-times-to");
        toDay.setLabel(getTranslation("supervisor.filter.to"));
        LocalDate today = LocalDate.now(clock.withZone(SEOUL));
        fromDay.setValue(today.minusDays(6));
        toDay.setValue(today);
        fromDay.setVisible(false);
        toDay.setVisible(false);
        // every change applies at once: no refresh needed
        period.addValueChangeListener(change -> {
            boolean custom = CUSTOM.equals(change.getValue());
            fromDay.setVisible(custom);
            toDay.setVisible(custom);
            load();
        });
        dimension.addValueChangeListener(change -> load());
        measure.addValueChangeListener(change -> showSummary(lastSummary));
        wards.addValueChangeListener(change -> load());
        severities.addValueChangeListener(change -> load());
        fromDay.addValueChangeListener(change -> load());
        toDay.addValueChangeListener(change -> load());
        Button refresh = new Button(getTranslation("supervisor.rt.refresh"), click -> load());
        refresh.setId("response-times-refresh");
        Anchor csv = new Anchor(new StreamResource("anshim-response-times.csv", this::csv), getTranslation("supervisor.rt.export_csv"));
        csv.getElement().setAttribute("download", true);
        csv.setId("response-times-csv");
        HorizontalLayout controls = new HorizontalLayout(period, fromDay, toDay, dimension, measure, wards, severities, refresh, csv);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        summaryLine.setId("response-times-summary");
        queueStep.setId("queue-step");
        percentiles.setId("response-time-chart");
        queue.setId("queue-chart");
        table.setId("response-time-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.addColumn(s -> label(s.group())).setHeader(getTranslation("supervisor.rt.group")).setAutoWidth(true);
        table.addColumn(ResponseTimeSummary::count).setHeader(getTranslation("supervisor.rt.n"));
        table.addColumn(s -> seconds(s.p50Seconds())).setHeader("p50");
        table.addColumn(s -> seconds(s.p90Seconds())).setHeader("p90");
        table.addColumn(s -> seconds(s.p95Seconds())).setHeader("p95");
        table.addColumn(s -> seconds(s.maxSeconds())).setHeader("max");
        table.addColumn(s -> s.shareWithinTarget() == null ? "–"
                : "%.0f%% ≤ %s".formatted(s.shareWithinTarget() * 100, seconds(s.targetSeconds()))).setHeader(getTranslation("supervisor.rt.within_target"));
        table.setAllRowsVisible(true);
        operators.setId("operator-workload");
        operators.addThemeVariants(GridVariant.LUMO_COMPACT);
        operators.addColumn(WorkloadReport.OperatorLoad::operator).setHeader(getTranslation("supervisor.rt.operator"));
        operators.addColumn(WorkloadReport.OperatorLoad::acknowledged).setHeader(getTranslation("supervisor.rt.acknowledged"));
        operators.addColumn(WorkloadReport.OperatorLoad::activeHours).setHeader(getTranslation("supervisor.rt.active_hours"));
        operators.addColumn(WorkloadReport.OperatorLoad::busiestHour).setHeader(getTranslation("supervisor.busiestHour"));
        operators.setAllRowsVisible(true);
        add(new H3(getTranslation("supervisor.rt.response_times")), controls, summaryLine, percentiles, table,
                new H3(getTranslation("supervisor.rt.queue_length")), queueStep, queue, new H3(getTranslation("supervisor.rt.operator_workload")), operators);
    }

    /** The chosen period: a span back from now, or whole Seoul days from the first to the last picked (the backend checks it). */
    Instant[] period() {
        if (CUSTOM.equals(period.getValue())) {
            LocalDate first = fromDay.getValue() == null ? LocalDate.now(clock.withZone(SEOUL)) : fromDay.getValue();
            LocalDate last = toDay.getValue() == null ? first : toDay.getValue();
            return new Instant[] {first.atStartOfDay(SEOUL).toInstant(), last.plusDays(1).atStartOfDay(SEOUL).toInstant()};
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Instant[] {to.minus(PERIODS.get(period.getValue() == null ? "24h" : period.getValue())), to};
    }

    ResponseTimeQuery query(String groupBy) {
        Instant[] span = period();
        return new ResponseTimeQuery(span[0], span[1], groupBy, wardCodes(), List.copyOf(severities.getValue()));
    }

    private List<String> wardCodes() {
        return wards.getValue().stream().map(Ward::code).sorted().toList();
    }

    void load() {
        UI ui = UI.getCurrent();
        ResponseTimeQuery query = query(dimension.getValue() == null ? "ward" : dimension.getValue());
        summaryLine.setText("");
        data.summary(user, query).subscribe(list -> ui.access(() -> showSummary(list)),
                error -> ui.access(() -> refused(error)));
        data.workload(user, new WorkloadQuery(query.from(), query.to(), query.wards(), query.severities()))
                .subscribe(report -> ui.access(() -> showWorkload(report)), error -> ui.access(() -> refused(error)));
    }

    private void refused(Throwable error) {
        summaryLine.setText(getTranslation("supervisor.refused", Refusals.translate(this, error.getMessage())));
    }

    private void showSummary(List<ResponseTimeSummary> all) {
        lastSummary = all;
        List<ResponseTimeSummary> chosen = all.stream().filter(s -> s.measure().equals(measure.getValue())).toList();
        table.setItems(chosen);
        long incidents = chosen.stream().mapToLong(ResponseTimeSummary::count).sum();
        summaryLine.setText(measure.getValue() + " · " + getTranslation("supervisor.rt.incidents_measured", incidents));
        List<String> groups = chosen.stream().map(s -> label(s.group())).toList();
        percentiles.setOption(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "legend", Map.of("data", List.of("p50", "p90")),
                "grid", Map.of("left", 60, "right", 20, "bottom", 60),
                "xAxis", Map.of("type", "category", "data", groups, "axisLabel", Map.of("rotate", 30)),
                "yAxis", Map.of("type", "value", "name", getTranslation("supervisor.rt.s")),
                "series", List.of(
                        Map.of("name", "p50", "type", "bar", "data", chosen.stream().map(s -> orZero(s.p50Seconds())).toList()),
                        Map.of("name", "p90", "type", "bar", "data", chosen.stream().map(s -> orZero(s.p90Seconds())).toList()))));
    }

    private void showWorkload(WorkloadReport report) {
        operators.setItems(report.operators());
        queueStep.setText(getTranslation("supervisor.queue.step", report.queueStep().toMinutes()));
        queue.setOption(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 50, "right", 20, "bottom", 40),
                "xAxis", Map.of("type", "time"),
                "legend", Map.of("data", List.of(getTranslation("supervisor.queue.peak"), getTranslation("supervisor.queue.open"))),
                "yAxis", Map.of("type", "value", "name", getTranslation("supervisor.queue.axis",
                        report.queueStep().toMinutes())),
                "series", List.of(
                        Map.of("name", getTranslation("supervisor.queue.peak"), "type", "line", "step", "start", "showSymbol", false,
                                "data", report.queue().stream().map(p -> List.of(p.at().toEpochMilli(), p.peak())).toList()),
                        Map.of("name", getTranslation("supervisor.queue.open"), "type", "line", "step", "start", "showSymbol", false,
                                "data", report.queue().stream().map(p -> List.of(p.at().toEpochMilli(), p.open())).toList()))));
    }

    private String label(String group) {
        return dimension.getValue().equals("ward") ? IncidentTexts.ward(group) : group;
    }

    /** The per-incident rows behind the figures; read on the download's own (servlet) thread. */
    private ByteArrayInputStream csv() {
        return new ByteArrayInputStream(csv(data.rows(user, query("all")).collectList().block(Duration.ofSeconds(60)))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The rows as CSV: ward code with its Korean and English names, opening time in KST (+09:00). */
    static String csv(List<ResponseTimeRow> rows) {
        StringBuilder out = new StringBuilder("\uFEFFincident_id,ward_code,ward_ko,ward_en,family,severity,shift,operator,"
                + "responder_kind,opened_at_kst,acknowledge_s,dispatch_s,hand_off_112_s,turnout_s,travel_s,response_s,clear_s\n");
        for (ResponseTimeRow row : rows) {
            Ward ward = Wards.seoul().byCode(row.wardCode()).orElse(null);
            out.append(String.join(",", row.id().toString(), row.wardCode(), ward == null ? "" : ward.nameKo(),
                    ward == null ? "" : value(ward.nameEn()), row.family(), row.severity(), row.shift(),
                    value(row.operator()), value(row.responderKind()), KST.format(row.openedAt()), value(row.acknowledgeSeconds()),
                    value(row.dispatchSeconds()), value(row.handOff112Seconds()), value(row.turnoutSeconds()),
                    value(row.travelSeconds()), value(row.responseSeconds()), value(row.clearSeconds()))).append('\n');
        }
        return out.toString();
    }

    private static String value(Object v) {
        return v == null ? "" : v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v.toString().replace(",", " ");
    }

    private static double orZero(Double seconds) {
        return seconds == null ? 0 : Math.round(seconds * 10) / 10.0;
    }

    private String seconds(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 10) {
            return getTranslation("supervisor.rt.seconds", String.format(Locale.ROOT, "%.1f", seconds));
        }
        long s = Math.round(seconds);
        return s >= 60 ? getTranslation("supervisor.rt.minutes_seconds", String.valueOf(s / 60), "%02d".formatted(s % 60))
                : getTranslation("supervisor.rt.seconds", String.valueOf(s));
    }
}
