package kr.anshim.backend.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.backend.incident.Correlator;
import kr.anshim.api.Severity;
import org.springframework.stereotype.Component;

/**
 * {@code anshim.incidents.open{severity}}: the open incidents this instance's correlator holds, by
 * their current severity, counted when scraped. Instances of a cluster stay in step through the
 * fan-out, so each reports the same figure: take {@code max}, not {@code sum}.
 */
@Component
class OpenIncidentGauges {

    OpenIncidentGauges(Correlator correlator, MeterRegistry meters) {
        for (Severity severity : Severity.values()) {
            Gauge.builder("anshim.incidents.open", correlator, c -> count(c, severity))
                    .tag("severity", severity.name())
                    .description("Open incidents by severity")
                    .register(meters);
        }
    }

    private static double count(Correlator correlator, Severity severity) {
        return correlator.open().stream().filter(i -> i.ranking().severity() == severity).count();
    }
}
