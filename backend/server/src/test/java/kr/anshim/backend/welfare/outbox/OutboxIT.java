package kr.anshim.backend.welfare.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.welfare.WelfareProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on the real database: every message kept with its state, retried with backoff after an
 * adapter's failure, taken up again by a new dispatcher (a restart) when the old one died mid-send,
 * and never delivered twice, also with two dispatchers at once. The backend's own dispatch is off in
 * the tests; these dispatchers use the EMAIL and SMS channels, which nothing else in the tests uses.
 */
@BackendIT
class OutboxIT {

    private static final WelfareProperties.Outbox SETTINGS = new WelfareProperties.Outbox(Duration.ofSeconds(1), 50,
            Duration.ofSeconds(10), Duration.ofMinutes(1), 4, Duration.ofMinutes(2), Duration.ofSeconds(2));

    @Autowired
    Outbox outbox;

    @Test
    void a_failed_delivery_is_retried_with_backoff_across_a_restart_and_delivered_once() {
        MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
        RecordingNotifier email = new RecordingNotifier(Channel.EMAIL, 2);
        OutboxMessage message = message(Channel.EMAIL, clock.instant());
        outbox.enqueue(message).then(outbox.enqueue(message)).block(Duration.ofSeconds(10));

        OutboxDispatcher first = new OutboxDispatcher(outbox, List.of(email), SETTINGS, clock, new SimpleMeterRegistry());
        assertThat(first.round().block()).isZero();
        assertThat(delivery(message)).satisfies(d -> {
            assertThat(d.state()).isEqualTo("PENDING");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));
            assertThat(d.lastError()).contains("provider down");
        });
        clock.move(Duration.ofSeconds(5));
        assertThat(first.round().block()).as("not due before its backoff").isZero();
        assertThat(email.calls(message.id())).isEqualTo(1);

        // a restart: a new dispatcher, the state only in the database
        OutboxDispatcher afterRestart = new OutboxDispatcher(outbox, List.of(email), SETTINGS, clock, new SimpleMeterRegistry());
        clock.move(Duration.ofSeconds(5));
        assertThat(afterRestart.round().block()).isZero();
        assertThat(delivery(message).nextAttemptAt()).as("the backoff doubles").isEqualTo(clock.instant().plusSeconds(20));
        clock.move(Duration.ofSeconds(20));
        assertThat(afterRestart.round().block()).isEqualTo(1);
        assertThat(delivery(message)).satisfies(d -> {
            assertThat(d.state()).isEqualTo("SENT");
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.sentAt()).isEqualTo(clock.instant());
        });

        clock.move(Duration.ofHours(1));
        assertThat(afterRestart.round().block()).isZero();
        assertThat(email.delivered(message.id())).isEqualTo(1);
    }

    @Test
    void a_dispatcher_that_died_mid_send_leaves_its_claim_to_expire_and_the_next_one_resends_under_the_same_id() {
        MovableClock clock = new MovableClock(Instant.parse("2030-02-01T00:00:00Z"));
        HangingNotifier hanging = new HangingNotifier();
        OutboxMessage message = message(Channel.SMS, clock.instant());
        outbox.enqueue(message).block(Duration.ofSeconds(10));

        Disposable dying = new OutboxDispatcher(outbox, List.of(hanging), SETTINGS, clock, new SimpleMeterRegistry()).round().subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> !hanging.ids.isEmpty());
        dying.dispose();
        assertThat(delivery(message).state()).isEqualTo("SENDING");

        RecordingNotifier sms = new RecordingNotifier(Channel.SMS, 0);
        OutboxDispatcher next = new OutboxDispatcher(outbox, List.of(sms), SETTINGS, clock, new SimpleMeterRegistry());
        clock.move(Duration.ofMinutes(1));
        assertThat(next.round().block()).as("the claim still holds").isZero();
        clock.move(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(next.round().block()).isEqualTo(1);
        assertThat(sms.delivered(message.id())).isEqualTo(1);
        assertThat(hanging.ids).containsExactly(message.id());
        assertThat(delivery(message).attempts()).isEqualTo(2);
    }

    @Test
    void two_dispatchers_at_once_deliver_each_message_exactly_once() {
        MovableClock clock = new MovableClock(Instant.parse("2030-03-01T00:00:00Z"));
        List<OutboxMessage> messages = IntStream.range(0, 30).mapToObj(n -> message(Channel.EMAIL, clock.instant())).toList();
        reactor.core.publisher.Flux.fromIterable(messages).concatMap(outbox::enqueue).then().block(Duration.ofSeconds(20));
        RecordingNotifier shared = new RecordingNotifier(Channel.EMAIL, 0);
        OutboxDispatcher a = new OutboxDispatcher(outbox, List.of(shared), SETTINGS, clock, new SimpleMeterRegistry());
        OutboxDispatcher b = new OutboxDispatcher(outbox, List.of(shared), SETTINGS, clock, new SimpleMeterRegistry());

        Long total = Mono.zip(a.round(), b.round(), a.round(), b.round()).map(t -> t.getT1() + t.getT2() + t.getT3() + t.getT4())
                .block(Duration.ofSeconds(30));
        assertThat(total).isGreaterThanOrEqualTo(30);
        for (OutboxMessage m : messages) {
            assertThat(shared.delivered(m.id())).as("message %s", m.id()).isEqualTo(1);
            assertThat(delivery(m).state()).isEqualTo("SENT");
        }
    }

    @Test
    void after_the_last_attempt_a_message_is_kept_as_given_up() {
        MovableClock clock = new MovableClock(Instant.parse("2030-04-01T00:00:00Z"));
        RecordingNotifier broken = new RecordingNotifier(Channel.SMS, Integer.MAX_VALUE);
        OutboxMessage message = message(Channel.SMS, clock.instant());
        outbox.enqueue(message).block(Duration.ofSeconds(10));
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, List.of(broken), SETTINGS, clock, new SimpleMeterRegistry());
        for (int attempt = 0; attempt < 6; attempt++) {
            dispatcher.round().block(Duration.ofSeconds(10));
            clock.move(Duration.ofMinutes(2));
        }
        assertThat(broken.calls(message.id())).isEqualTo(SETTINGS.maxAttempts());
        assertThat(delivery(message)).satisfies(d -> {
            assertThat(d.state()).isEqualTo("GAVE_UP");
            assertThat(d.lastError()).contains("provider down");
        });
    }

    private OutboxMessage message(Channel channel, Instant at) {
        return new OutboxMessage(UUID.randomUUID(), at, channel, "officer@example.invalid", "[안심] 시험 / test", "본문 / body", null, 0);
    }

    private Outbox.Delivery delivery(OutboxMessage message) {
        return outbox.delivery(message.id()).block(Duration.ofSeconds(10));
    }

    /** Fails its first {@code failures} calls per message, then delivers; counts both. */
    static final class RecordingNotifier implements Notifier {
        private final Channel channel;
        private final int failures;
        private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Map<UUID, AtomicInteger> delivered = new ConcurrentHashMap<>();

        RecordingNotifier(Channel channel, int failures) {
            this.channel = channel;
            this.failures = failures;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public Mono<Void> send(OutboxMessage message) {
            int call = calls.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
            if (call <= failures) {
                return Mono.error(new IllegalStateException("provider down (call " + call + ")"));
            }
            delivered.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
            return Mono.empty();
        }

        int calls(UUID id) {
            return calls.getOrDefault(id, new AtomicInteger()).get();
        }

        int delivered(UUID id) {
            return delivered.getOrDefault(id, new AtomicInteger()).get();
        }
    }

    /** Never answers: the dispatcher dies while waiting. */
    static final class HangingNotifier implements Notifier {
        final Queue<UUID> ids = new ConcurrentLinkedQueue<>();

        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public Mono<Void> send(OutboxMessage message) {
            ids.add(message.id());
            return Mono.never();
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
