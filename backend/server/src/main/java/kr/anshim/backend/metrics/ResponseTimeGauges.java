package kr.anshim.backend.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.ResponseTimeSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Response times for dashboards: every {@code anshim.metrics.recompute-every} (1 min) the last
 * {@code anshim.metrics.recent-window} (1 h; a 24-hour window stalled ingest at load-test volumes, see load-tests/README.md) is recomputed from the audit trail, exactly as the
 * supervisor's summary does, and published as gauges:
 * {@code anshim.response.time{measure, percentile=p50|p90}} in seconds,
 * {@code anshim.response.within.target{measure}} (0 to 1, measures with a target) and
 * {@code anshim.response.incidents{measure}} (how many incidents have the measure).
 * A measure without data in the window reads NaN, never zero.
 * <p>
 * Why a recompute and not timers recorded at each transition: the audit trail is the truth, so
 * the dashboard shows the very figures of the supervisor's report; every instance of a cluster
 * reports the same values (take {@code max}, not {@code sum}) instead of each counting the
 * changes it happened to see; a restart loses nothing; and the cost is one paged read a minute.
 * The price is up to a minute of staleness, which suits a 24-hour figure.
 */
@Component
class ResponseTimeGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResponseTimeGauges.class);

    private final ResponseTimeReports reports;
    private final Clock clock;
    private final Duration every;
    private final Duration window;
    private volatile Map<Measure, ResponseTimeSummary> latest = Map.of();
    private volatile Disposable loop;

    ResponseTimeGauges(ResponseTimeReports reports, ResponseTargets targets, Clock clock, MeterRegistry meters,
                       @Value("${anshim.metrics.recompute-every:PT1M}") Duration every,
                       @Value("${anshim.metrics.recent-window:PT1H}") Duration window) {
        this.reports = reports;
        this.clock = clock;
        this.every = every;
        this.window = window;
        for (Measure measure : Measure.values()) {
            gauge(meters, "anshim.response.time", measure, "p50", ResponseTimeSummary::p50Seconds, "seconds");
            gauge(meters, "anshim.response.time", measure, "p90", ResponseTimeSummary::p90Seconds, "seconds");
            Gauge.builder("anshim.response.incidents", this, g -> g.value(measure, s -> (double) s.count()))
                    .tag("measure", measure.wireName())
                    .description("Incidents of the recent window that have this measure")
                    .register(meters);
            if (targets.of(measure).isPresent()) {
                Gauge.builder("anshim.response.within.target", this, g -> g.value(measure, ResponseTimeSummary::shareWithinTarget))
                        .tag("measure", measure.wireName())
                        .description("Share of the recent window's incidents within the target, 0 to 1")
                        .register(meters);
            }
        }
    }

    /** Recomputes the recent window now; the gauges read the result. */
    Mono<Void> recompute() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return reports.summary(QueryPeriod.of(now.minus(window), now, List.of()), Dimension.ALL);
        }).doOnNext(summaries -> latest = byMeasure(summaries)).then();
    }

    @Override
    public void start() {
        loop = Flux.interval(Duration.ZERO, every)
                .onBackpressureDrop()
                .concatMap(tick -> recompute().onErrorResume(this::skipped), 1)
                .subscribe(null, error -> log.error("Response-time recompute loop ended; this is a bug", error));
    }

    @Override
    public void stop() {
        Disposable l = loop;
        if (l != null) {
            l.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }

    private Mono<Void> skipped(Throwable error) {
        log.warn("Response times not recomputed, keeping the last figures until the next try: {}", error.toString());
        return Mono.empty();
    }

    private double value(Measure measure, Function<ResponseTimeSummary, Double> field) {
        ResponseTimeSummary summary = latest.get(measure);
        Double value = summary == null ? null : field.apply(summary);
        return value == null ? Double.NaN : value;
    }

    private void gauge(MeterRegistry meters, String name, Measure measure, String percentile,
                       Function<ResponseTimeSummary, Double> field, String unit) {
        Gauge.builder(name, this, g -> g.value(measure, field))
                .tags("measure", measure.wireName(), "percentile", percentile)
                .baseUnit(unit)
                .description("Nearest-rank percentile of the recent window's response times, recomputed from the audit trail")
                .register(meters);
    }

    private static Map<Measure, ResponseTimeSummary> byMeasure(List<ResponseTimeSummary> summaries) {
        Map<Measure, ResponseTimeSummary> byMeasure = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            summaries.stream().filter(s -> s.measure().equals(measure.wireName())).findFirst()
                    .ifPresent(s -> byMeasure.put(measure, s));
        }
        return Map.copyOf(byMeasure);
    }
}
