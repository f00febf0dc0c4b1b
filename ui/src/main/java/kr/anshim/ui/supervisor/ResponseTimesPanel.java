package kr.anshim.ui.supervisor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
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

    private final ScreenData data;
    private final AnshimUser user;
    private final Clock clock = Clock.systemUTC();
    private final ComboBox<String> period = new ComboBox<>("기간 · Period");
    private final ComboBox<String> dimension = new ComboBox<>("기준 · Group by");
    private final ComboBox<String> measure = new ComboBox<>("지표 · Measure");
    private final Chart percentiles = new Chart();
    private final Chart queue = new Chart();
    private final Grid<ResponseTimeSummary> table = new Grid<>();
    private final Grid<WorkloadReport.OperatorLoad> operators = new Grid<>();
    private final Span summaryLine = new Span();

    ResponseTimesPanel(ScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setPadding(false);
        period.setItems(PERIODS.keySet());
        period.setValue("24h");
        dimension.setItems(ResponseTimeQuery.DIMENSIONS);
        dimension.setValue("ward");
        measure.setItems(ResponseTimeSummary.MEASURES);
        measure.setValue("acknowledge");
        Button refresh = new Button("새로고침 · Refresh", click -> load());
        refresh.setId("response-times-refresh");
        Anchor csv = new Anchor(new StreamResource("anshim-response-times.csv", this::csv), "CSV 내보내기 · Export CSV");
        csv.getElement().setAttribute("download", true);
        csv.setId("response-times-csv");
        HorizontalLayout controls = new HorizontalLayout(period, dimension, measure, refresh, csv);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        summaryLine.setId("response-times-summary");
        percentiles.setId("response-time-chart");
        queue.setId("queue-chart");
        table.setId("response-time-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.addColumn(s -> label(s.group())).setHeader("그룹 · Group").setAutoWidth(true);
        table.addColumn(ResponseTimeSummary::count).setHeader("건수 · n");
        table.addColumn(s -> seconds(s.p50Seconds())).setHeader("p50");
        table.addColumn(s -> seconds(s.p90Seconds())).setHeader("p90");
        table.addColumn(s -> seconds(s.p95Seconds())).setHeader("p95");
        table.addColumn(s -> seconds(s.maxSeconds())).setHeader("max");
        table.addColumn(s -> s.shareWithinTarget() == null ? "–"
                : "%.0f%% ≤ %s".formatted(s.shareWithinTarget() * 100, seconds(s.targetSeconds()))).setHeader("목표 내 · within target");
        table.setAllRowsVisible(true);
        operators.setId("operator-workload");
        operators.addThemeVariants(GridVariant.LUMO_COMPACT);
        operators.addColumn(WorkloadReport.OperatorLoad::operator).setHeader("관제요원 · Operator");
        operators.addColumn(WorkloadReport.OperatorLoad::acknowledged).setHeader("확인 건수 · Acknowledged");
        operators.addColumn(WorkloadReport.OperatorLoad::activeHours).setHeader("근무 시간 · Active hours");
        operators.addColumn(WorkloadReport.OperatorLoad::busiestHour).setHeader("최다 시간당 · Busiest hour");
        operators.setAllRowsVisible(true);
        add(new H3("응답 시간 · Response times"), controls, summaryLine, percentiles, table,
                new H3("대기열 길이 · Queue length"), queue, new H3("관제요원 업무량 · Operator workload"), operators);
    }

    void load() {
        UI ui = UI.getCurrent();
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(PERIODS.get(period.getValue()));
        ResponseTimeQuery query = new ResponseTimeQuery(from, to, dimension.getValue(), List.of());
        data.summary(user, query).subscribe(list -> ui.access(() -> showSummary(list)),
                error -> ui.access(() -> summaryLine.setText("오류 · error: " + error.getMessage())));
        data.workload(user, new WorkloadQuery(from, to, List.of())).subscribe(report -> ui.access(() -> showWorkload(report)),
                error -> ui.access(() -> summaryLine.setText("오류 · error: " + error.getMessage())));
    }

    private void showSummary(List<ResponseTimeSummary> all) {
        List<ResponseTimeSummary> chosen = all.stream().filter(s -> s.measure().equals(measure.getValue())).toList();
        table.setItems(chosen);
        long incidents = chosen.stream().mapToLong(ResponseTimeSummary::count).sum();
        summaryLine.setText(measure.getValue() + " · " + incidents + "건 · incidents measured");
        List<String> groups = chosen.stream().map(s -> label(s.group())).toList();
        percentiles.setOption(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "legend", Map.of("data", List.of("p50", "p90")),
                "grid", Map.of("left", 60, "right", 20, "bottom", 60),
                "xAxis", Map.of("type", "category", "data", groups, "axisLabel", Map.of("rotate", 30)),
                "yAxis", Map.of("type", "value", "name", "초 · s"),
                "series", List.of(
                        Map.of("name", "p50", "type", "bar", "data", chosen.stream().map(s -> orZero(s.p50Seconds())).toList()),
                        Map.of("name", "p90", "type", "bar", "data", chosen.stream().map(s -> orZero(s.p90Seconds())).toList()))));
    }

    private void showWorkload(WorkloadReport report) {
        operators.setItems(report.operators());
        queue.setOption(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 50, "right", 20, "bottom", 40),
                "xAxis", Map.of("type", "time"),
                "yAxis", Map.of("type", "value", "name", "열린 사건 · open"),
                "series", List.of(Map.of("name", "open", "type", "line", "step", "end", "showSymbol", false,
                        "data", report.queue().stream().map(p -> List.of(p.at().toEpochMilli(), p.open())).toList()))));
    }

    private String label(String group) {
        return dimension.getValue().equals("ward") ? IncidentTexts.ward(group) : group;
    }

    /** The per-incident rows behind the figures; read on the download's own (servlet) thread. */
    private ByteArrayInputStream csv() {
        Instant to = clock.instant();
        Instant from = to.minus(PERIODS.get(period.getValue() == null ? "24h" : period.getValue()));
        StringBuilder out = new StringBuilder("\uFEFFincident_id,ward_code,family,severity,shift,operator,responder_kind,opened_at,"
                + "acknowledge_s,dispatch_s,hand_off_112_s,turnout_s,travel_s,response_s,clear_s\n");
        for (ResponseTimeRow row : data.rows(user, new ResponseTimeQuery(from, to, "all", List.of()))
                .collectList().block(Duration.ofSeconds(60))) {
            out.append(String.join(",", row.id().toString(), row.wardCode(), row.family(), row.severity(), row.shift(),
                    value(row.operator()), value(row.responderKind()), row.openedAt().toString(), value(row.acknowledgeSeconds()),
                    value(row.dispatchSeconds()), value(row.handOff112Seconds()), value(row.turnoutSeconds()),
                    value(row.travelSeconds()), value(row.responseSeconds()), value(row.clearSeconds()))).append('\n');
        }
        return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Object v) {
        return v == null ? "" : v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v.toString().replace(",", " ");
    }

    private static double orZero(Double seconds) {
        return seconds == null ? 0 : Math.round(seconds * 10) / 10.0;
    }

    private static String seconds(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f초", seconds);
        }
        long s = Math.round(seconds);
        return s >= 60 ? "%d분 %02d초".formatted(s / 60, s % 60) : s + "초";
    }
}
