package kr.anshim.backend.metrics;

import kr.anshim.api.ResponseTimeSummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds measured incidents into the distribution of every measure per group of one dimension:
 * count, nearest-rank p50, p90, p95, maximum, and the share within target. Every group lists every
 * measure, with a count of zero and null figures where none of its incidents reached that step.
 */
final class ResponseTimeSummaries {

    private final Dimension dimension;
    private final ResponseTargets targets;
    private final Map<String, Map<Measure, Samples>> groups;

    ResponseTimeSummaries(Dimension dimension, ResponseTargets targets) {
        this.dimension = dimension;
        this.targets = targets;
        this.groups = new TreeMap<>(dimension.order());
    }

    void add(MeasuredIncident incident) {
        Map<Measure, Samples> group = groups.computeIfAbsent(dimension.group(incident), g -> emptyGroup());
        for (Measure measure : Measure.values()) {
            Duration value = measure.of(incident.times());
            if (value != null) {
                group.get(measure).add(value);
            }
        }
    }

    List<ResponseTimeSummary> summaries() {
        List<ResponseTimeSummary> all = new ArrayList<>();
        groups.forEach((group, measures) -> measures.forEach((measure, samples) -> all.add(summary(group, measure, samples))));
        return all;
    }

    private ResponseTimeSummary summary(String group, Measure measure, Samples samples) {
        Duration target = targets.of(measure).orElse(null);
        return new ResponseTimeSummary(dimension.wireName(), group, measure.wireName(), samples.count(),
                MeasuredIncident.seconds(samples.percentile(50)), MeasuredIncident.seconds(samples.percentile(90)),
                MeasuredIncident.seconds(samples.percentile(95)), MeasuredIncident.seconds(samples.percentile(100)),
                MeasuredIncident.seconds(target), target == null ? null : samples.shareWithin(target));
    }

    private static Map<Measure, Samples> emptyGroup() {
        Map<Measure, Samples> group = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            group.put(measure, new Samples());
        }
        return group;
    }
}
