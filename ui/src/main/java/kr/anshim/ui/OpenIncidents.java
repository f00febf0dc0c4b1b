package kr.anshim.ui;

import kr.anshim.api.IncidentView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A screen's copy of the open incidents it may see. Every change carries the whole incident; the
 * newest by {@code updatedAt} wins (an older one arriving late is ignored) and closed ones leave.
 */
public final class OpenIncidents {

    /** The queue order: highest score first, then the oldest. */
    public static final Comparator<IncidentView> QUEUE_ORDER = Comparator.comparingInt(IncidentView::score).reversed()
            .thenComparing(IncidentView::openedAt);
    private static final Set<String> CLOSED = Set.of("RESOLVED", "FALSE_ALARM", "CANCELLED");

    private final Map<UUID, IncidentView> open = new HashMap<>();

    public void apply(List<IncidentView> changes) {
        for (IncidentView incident : changes) {
            IncidentView known = open.get(incident.id());
            if (known != null && known.updatedAt().isAfter(incident.updatedAt())) {
                continue;
            }
            if (CLOSED.contains(incident.status())) {
                open.remove(incident.id());
            } else {
                open.put(incident.id(), incident);
            }
        }
    }

    public Optional<IncidentView> get(UUID id) {
        return Optional.ofNullable(open.get(id));
    }

    public Collection<IncidentView> all() {
        return open.values();
    }

    public int size() {
        return open.size();
    }

    public List<IncidentView> ranked() {
        List<IncidentView> rows = new ArrayList<>(open.values());
        rows.sort(QUEUE_ORDER);
        return rows;
    }
}
