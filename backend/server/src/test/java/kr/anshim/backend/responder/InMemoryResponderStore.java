package kr.anshim.backend.responder;

import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderKind;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The database edge, faked: rows in a map, the same conditional status update, and switchable failures. */
class InMemoryResponderStore extends ResponderStore {

    record Row(DemoResponders.Responder facts, ResponderStatus status, UUID incidentId, Instant changedAt) {
    }

    final Map<String, Row> rows = new TreeMap<>();
    int imports;
    int loadFailuresLeft;
    boolean failing;

    InMemoryResponderStore() {
        super(null);
    }

    static InMemoryResponderStore with(DemoResponders.Responder... responders) {
        InMemoryResponderStore store = new InMemoryResponderStore();
        for (DemoResponders.Responder responder : responders) {
            store.rows.put(responder.id(), new Row(responder, ResponderStatus.AVAILABLE, null, null));
        }
        return store;
    }

    static DemoResponders.Responder patrolCar(String id) {
        return new DemoResponders.Responder(id, ResponderKind.POLICE_PATROL, "마포경찰서 순찰 " + id.substring(id.length() - 1) + "호",
                "서울마포경찰서", "11440", 37.56838, 126.88764);
    }

    /** Someone else changes a status behind the roster's back. */
    void overwrite(String id, ResponderStatus status) {
        Row row = rows.get(id);
        rows.put(id, new Row(row.facts(), status, row.incidentId(), row.changedAt()));
    }

    @Override
    Mono<Long> count() {
        return Mono.fromCallable(() -> (long) rows.size());
    }

    @Override
    Mono<Void> importAll(List<DemoResponders.Responder> responders) {
        return Mono.fromRunnable(() -> {
            imports++;
            responders.forEach(r -> rows.put(r.id(), new Row(r, ResponderStatus.AVAILABLE, null, null)));
        });
    }

    @Override
    Flux<Tracked> loadAll(Instant now) {
        return Flux.defer(() -> {
            if (loadFailuresLeft > 0) {
                loadFailuresLeft--;
                return Flux.error(new IllegalStateException("database not up yet"));
            }
            List<Tracked> all = new ArrayList<>();
            rows.values().forEach(row -> all.add(new Tracked(row.facts().id(), row.facts().kind(), row.facts().callSign(),
                    row.facts().baseName(), row.facts().wardCode(), row.facts().baseLatitude(), row.facts().baseLongitude(),
                    row.status(), row.incidentId(), row.changedAt() == null ? now : row.changedAt(), null)));
            return Flux.fromIterable(all);
        });
    }

    @Override
    Mono<Boolean> changeStatus(String id, ResponderStatus from, ResponderStatus to, UUID incidentId, Instant at) {
        return Mono.defer(() -> {
            if (failing) {
                return Mono.error(new IllegalStateException("connection refused"));
            }
            Row row = rows.get(id);
            if (row == null || row.status() != from) {
                return Mono.just(false);
            }
            rows.put(id, new Row(row.facts(), to, incidentId, at));
            return Mono.just(true);
        });
    }
}
