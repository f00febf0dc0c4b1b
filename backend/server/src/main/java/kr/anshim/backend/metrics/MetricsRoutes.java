package kr.anshim.backend.metrics;

import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.ResponseTimeRow;
import kr.anshim.api.ResponseTimeSummary;
import kr.anshim.api.Routes;
import kr.anshim.api.WorkloadQuery;
import kr.anshim.api.WorkloadReport;
import kr.anshim.backend.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * The supervisor's metrics routes, for service connections (the screens) only: rows as a
 * request-stream (the screen exports them as CSV without holding them all), summaries and
 * workload as request-response. A bad query is refused with what to fix.
 */
@Controller
class MetricsRoutes {

    private static final Logger log = LoggerFactory.getLogger(MetricsRoutes.class);

    private final ResponseTimeReports reports;

    MetricsRoutes(ResponseTimeReports reports) {
        this.reports = reports;
    }

    @MessageMapping(Routes.RESPONSE_TIME_ROWS)
    Flux<ResponseTimeRow> rows(ResponseTimeQuery query) {
        return Callers.require(USER)
                .map(caller -> period(query.from(), query.to(), scoped(caller, query.wards())))
                .flatMapMany(reports::rows);
    }

    @MessageMapping(Routes.RESPONSE_TIME_SUMMARY)
    Mono<List<ResponseTimeSummary>> summary(ResponseTimeQuery query) {
        return Callers.require(USER)
                .map(caller -> period(query.from(), query.to(), scoped(caller, query.wards())))
                .flatMap(period -> reports.summary(period, dimension(query.dimension())));
    }

    @MessageMapping(Routes.WORKLOAD)
    Mono<WorkloadReport> workload(WorkloadQuery query) {
        return Callers.require(USER)
                .map(caller -> period(query.from(), query.to(), scoped(caller, query.wards())))
                .flatMap(reports::workload);
    }

    /** Expected refusals go back to the caller without Spring's error log and stack trace for each. */
    @MessageExceptionHandler({InvalidQuery.class, MessagingException.class})
    Mono<Void> refused(Exception refusal) {
        log.debug("Refused a metrics query: {}", refusal.getMessage());
        return Mono.error(refusal);
    }

    private static QueryPeriod period(java.time.Instant from, java.time.Instant to, List<String> wards) {
        return QueryPeriod.of(from, to, wards);
    }

    /**
     * Ward scoping for signed-in users: a supervisor may ask for any wards, others only for theirs
     * (no wards asked means all of theirs); a user who sees no ward (an admin) is refused.
     */
    private static List<String> scoped(kr.anshim.backend.security.Caller caller, List<String> requested) {
        if (caller.kind() != kr.anshim.api.ConnectionCredentials.Kind.USER || caller.role() == kr.anshim.backend.security.Role.SUPERVISOR) {
            return requested;
        }
        // the wards a user sees: none for a community-centre officer, whose wards scope welfare only
        List<String> mine = requested.isEmpty() ? caller.wards().stream().filter(caller::sees).sorted().toList()
                : requested.stream().filter(caller::sees).toList();
        if (mine.isEmpty()) {
            throw new MessagingException("no wards of yours in this query");
        }
        return mine;
    }

    private static Dimension dimension(String name) {
        return Dimension.parse(name).orElseThrow(() -> new InvalidQuery(
                "unknown dimension '" + name + "'; one of " + String.join(", ", Dimension.wireNames())));
    }
}
