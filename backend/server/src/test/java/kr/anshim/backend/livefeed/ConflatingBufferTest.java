package kr.anshim.backend.livefeed;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-screen buffer: honours the reader's demand, conflates per key, never drops a key's newest state. */
class ConflatingBufferTest {

    record Change(String key, long version) {
    }

    private final Sinks.Many<Change> source = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger conflated = new AtomicInteger();
    private final AtomicInteger disposed = new AtomicInteger();
    private final AtomicInteger overflows = new AtomicInteger();

    private ConflatingBuffer<String, Change> buffer(int maxKeys) {
        return new ConflatingBuffer<String, Change>(Change::key, Change::version, maxKeys,
                conflated::incrementAndGet, overflows::incrementAndGet, disposed::incrementAndGet).listen(source.asFlux());
    }

    private void emit(String key, long version) {
        assertThat(source.tryEmitNext(new Change(key, version)).isSuccess()).isTrue();
    }

    @Test
    void a_reader_gets_only_what_it_requests_and_a_waiting_key_keeps_its_place_with_its_newest_state() {
        ConflatingBuffer<String, Change> buffer = buffer(100);
        StepVerifier.create(buffer.flux(), 0)
                .expectSubscription()
                .then(() -> {
                    emit("a", 1);
                    emit("b", 1);
                    emit("a", 2);
                    emit("c", 1);
                    emit("a", 3);
                })
                .expectNoEvent(java.time.Duration.ZERO)
                .then(() -> assertThat(buffer.size()).isEqualTo(3))
                .thenRequest(1)
                .expectNext(new Change("a", 3))
                .then(() -> emit("b", 2))
                .thenRequest(2)
                .expectNext(new Change("b", 2), new Change("c", 1))
                .then(() -> emit("c", 2))
                .thenRequest(1)
                .expectNext(new Change("c", 2))
                .thenCancel()
                .verify();
        assertThat(conflated.get()).isEqualTo(3);
        assertThat(disposed.get()).isEqualTo(1);
        assertThat(source.currentSubscriberCount()).isZero();
    }

    @Test
    void a_reader_that_stops_reading_while_ten_thousand_changes_flow_holds_one_state_per_incident() {
        ConflatingBuffer<String, Change> buffer = buffer(10_000);
        StepVerifier.create(buffer.flux(), 0)
                .expectSubscription()
                .then(() -> {
                    for (int n = 0; n < 10_000; n++) {
                        emit("incident-" + (n % 50), n / 50 + 1);
                    }
                })
                .then(() -> assertThat(buffer.size()).isEqualTo(50))
                // positive control: the 50 kept are each incident's newest state, and all of them come
                .thenRequest(Long.MAX_VALUE)
                .recordWith(ArrayList::new)
                .expectNextCount(50)
                .consumeRecordedWith(received -> {
                    Map<String, Long> newest = new HashMap<>();
                    received.forEach(c -> newest.put(c.key(), c.version()));
                    assertThat(newest).hasSize(50).allSatisfy((key, version) -> assertThat(version).isEqualTo(200L));
                })
                .then(() -> assertThat(buffer.size()).isZero())
                .thenCancel()
                .verify();
    }

    @Test
    void more_distinct_keys_than_the_bound_end_the_stream_instead_of_dropping_a_newest_state() {
        ConflatingBuffer<String, Change> buffer = buffer(3);
        StepVerifier.create(buffer.flux(), 0)
                .expectSubscription()
                .then(() -> {
                    emit("a", 1);
                    emit("b", 1);
                    emit("c", 1);
                    emit("a", 2); // a waiting key: fits
                })
                .then(() -> assertThat(buffer.size()).isEqualTo(3))
                .then(() -> emit("d", 1)) // a fourth distinct key: does not fit
                .expectError(ConflatingBuffer.Overflow.class)
                .verify(java.time.Duration.ofSeconds(5));
        assertThat(overflows.get()).isEqualTo(1);
        assertThat(buffer.size()).isZero();
        assertThat(source.currentSubscriberCount()).isZero();
    }

    @Test
    void a_reader_that_keeps_up_gets_every_change_in_order() {
        ConflatingBuffer<String, Change> buffer = buffer(10);
        StepVerifier.create(buffer.flux())
                .then(() -> {
                    emit("a", 1);
                    emit("a", 2);
                    emit("b", 1);
                })
                .expectNext(new Change("a", 1), new Change("a", 2), new Change("b", 1))
                .thenCancel()
                .verify();
        assertThat(conflated.get()).isZero();
    }
}
