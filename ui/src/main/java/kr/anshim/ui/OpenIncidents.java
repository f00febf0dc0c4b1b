package kr.anshim.ui;

import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A screen's copy of the open incidents it may see, following the live protocol ({@link LiveFrame}):
 * on BEGIN a fresh snapshot is collected aside (the screen keeps showing what it had), on MARKER it
 * replaces the model wholesale (so nothing closed while the screen was away survives a
 * reconnection), then each change applies unless the model already holds a newer
 * {@link IncidentView#version() version} of that incident, and a tombstone removes it.
 */
public final class OpenIncidents {

    /** The queue order: highest score first, then the oldest. */
    public static final Comparator<IncidentView> QUEUE_ORDER = Comparator.comparingInt(IncidentView::score).reversed()
            .thenComparing(IncidentView::openedAt);

    /** What one batch of frames changed in the model: for views that update incrementally (the map). */
    public record Changes(List<IncidentView> upserted, Set<UUID> removed) {

        public boolean upserted(UUID id) {
            return upserted.stream().anyMatch(incident -> incident.id().equals(id));
        }
    }

    private Map<UUID, IncidentView> open = new HashMap<>();
    /** The snapshot being received, between BEGIN and MARKER; null otherwise. */
    private Map<UUID, IncidentView> loading;

    public Changes apply(List<LiveFrame> frames) {
        Map<UUID, IncidentView> before = Map.copyOf(open);
        for (LiveFrame frame : frames) {
            apply(frame);
        }
        List<IncidentView> upserted = open.values().stream().filter(incident -> before.get(incident.id()) != incident).toList();
        Set<UUID> removed = before.keySet().stream().filter(id -> !open.containsKey(id)).collect(Collectors.toSet());
        return new Changes(upserted, removed);
    }

    private void apply(LiveFrame frame) {
        switch (frame.type()) {
            case BEGIN -> loading = new HashMap<>();
            case SNAPSHOT -> {
                if (loading != null) {
                    loading.put(frame.incident().id(), frame.incident());
                }
            }
            case MARKER -> {
                if (loading != null) {
                    open = loading;
                    loading = null;
                }
            }
            case CHANGE, TOMBSTONE -> {
                Map<UUID, IncidentView> target = loading != null ? loading : open;
                IncidentView incident = frame.incident();
                IncidentView known = target.get(incident.id());
                if (known != null && known.version() > incident.version()) {
                    return; // an older state arriving late
                }
                if (frame.type() == LiveFrame.Type.TOMBSTONE) {
                    target.remove(incident.id());
                } else {
                    target.put(incident.id(), incident);
                }
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
