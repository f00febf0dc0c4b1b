package kr.anshim.backend.metrics;

import kr.anshim.api.ResponseTimeRow;
import kr.anshim.api.ResponseTimeSummary;
import kr.anshim.api.WorkloadReport;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** The supervisor's reports over a checked period: per-incident rows, distributions, workload. */
@Component
class ResponseTimeReports {

    private final IncidentHistories histories;
    private final ResponseTargets targets;

    ResponseTimeReports(IncidentHistories histories, ResponseTargets targets) {
        this.histories = histories;
        this.targets = targets;
    }

    /** One row per incident opened in the period, oldest first. */
    Flux<ResponseTimeRow> rows(QueryPeriod period) {
        return histories.openedIn(period).map(MeasuredIncident::of).map(MeasuredIncident::row);
    }

    /** Every measure's distribution per group, over the incidents opened in the period. */
    Mono<List<ResponseTimeSummary>> summary(QueryPeriod period, Dimension dimension) {
        return histories.openedIn(period)
                .map(MeasuredIncident::of)
                .collect(() -> new ResponseTimeSummaries(dimension, targets), ResponseTimeSummaries::add)
                .map(ResponseTimeSummaries::summaries);
    }

    /** Acknowledgements per operator and hour, and the queue at each hour, over the period. */
    Mono<WorkloadReport> workload(QueryPeriod period) {
        return histories.openDuring(period)
                .collect(() -> new Workload(period.from(), period.to()), Workload::add)
                .map(Workload::report);
    }
}
