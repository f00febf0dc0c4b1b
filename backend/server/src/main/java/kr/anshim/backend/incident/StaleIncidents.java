package kr.anshim.backend.incident;

import java.util.Set;
import java.util.UUID;

/**
 * A write refused because these incidents had moved on since the writer read them (another writer,
 * such as a second owner of the ward during a hand-over, changed them first). The writer's
 * transaction must roll back, so nothing it planned on the stale copy is stored or audited; it
 * reads the incidents again and plans anew.
 */
public final class StaleIncidents extends RuntimeException {

    private final Set<UUID> ids;

    public StaleIncidents(Set<UUID> ids) {
        super("incidents changed by another writer since they were read: " + ids, null, false, false);
        this.ids = Set.copyOf(ids);
    }

    /** The one meter of refused stale writes, by writer (journal batches, aging, commands). */
    public static io.micrometer.core.instrument.Counter counter(io.micrometer.core.instrument.MeterRegistry meters, String writer) {
        return io.micrometer.core.instrument.Counter.builder("anshim.incident.stale.writes")
                .description("Incident writes refused because another writer had changed the incident since it was read")
                .tag("writer", writer).register(meters);
    }

    public Set<UUID> ids() {
        return ids;
    }
}
