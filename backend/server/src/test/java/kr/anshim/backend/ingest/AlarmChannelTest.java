package kr.anshim.backend.ingest;

import io.rsocket.Payload;
import io.rsocket.util.DefaultPayload;
import kr.anshim.api.Ack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmChannelTest {

    private static final Scheduler SENDER = Schedulers.newSingle("alarm-channel-test");

    @AfterAll
    static void stop() {
        SENDER.dispose();
    }

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Ack stored(byte[] frame) {
        return new Ack(UUID.nameUUIDFromBytes(frame), Ack.Outcome.STORED, null, null);
    }

    private static Ack resend(byte[] frame) {
        return new Ack(UUID.nameUUIDFromBytes(frame), Ack.Outcome.REJECTED, "STORAGE_UNAVAILABLE", "resend");
    }

    private static Payload encode(Ack ack) {
        return DefaultPayload.create(ack.eventId() + " " + ack.outcome() + " " + ack.reason());
    }

    @Test
    void every_frame_gets_one_answer_even_when_deciding_throws_fails_or_decides_nothing() {
        Sinks.One<Ack> commit = Sinks.one();
        Function<byte[], Mono<Ack>> decide = frame -> switch (new String(frame, StandardCharsets.UTF_8)) {
            case "throws" -> throw new IllegalStateException("bug");
            case "fails" -> Mono.error(new IllegalStateException("bug"));
            case "empty" -> Mono.empty();
            case "late" -> commit.asMono();
            default -> Mono.just(stored(frame));
        };
        Flux<byte[]> frames = Flux.just("late", "throws", "fails", "empty", "ok").map(AlarmChannelTest::frame);
        List<String> answers = new ArrayList<>();

        StepVerifier.create(AlarmChannel.answer(frames, () -> 16, decide, AlarmChannelTest::resend, AlarmChannelTest::encode, SENDER)
                        .map(Payload::getDataUtf8))
                .recordWith(() -> answers)
                // decided answers do not wait for an earlier one still in the journal
                .expectNextCount(4)
                // the gateway ended its stream, yet the channel stays open for the answer still owed
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> commit.tryEmitValue(stored(frame("late"))))
                .expectNext(UUID.nameUUIDFromBytes(frame("late")) + " STORED null")
                .verifyComplete();

        assertThat(answers).containsExactlyInAnyOrder(
                UUID.nameUUIDFromBytes(frame("late")) + " STORED null",
                UUID.nameUUIDFromBytes(frame("throws")) + " REJECTED STORAGE_UNAVAILABLE",
                UUID.nameUUIDFromBytes(frame("fails")) + " REJECTED STORAGE_UNAVAILABLE",
                UUID.nameUUIDFromBytes(frame("empty")) + " REJECTED STORAGE_UNAVAILABLE",
                UUID.nameUUIDFromBytes(frame("ok")) + " STORED null");
    }

    @Test
    void reads_ahead_a_bounded_number_of_frames_and_more_only_as_answers_are_taken() {
        AtomicLong requested = new AtomicLong();
        Flux<byte[]> frames = Flux.range(0, 1_000).map(i -> frame("e" + i)).doOnRequest(n -> requested.addAndGet(n));

        StepVerifier.create(AlarmChannel.answer(frames, () -> 40, f -> Mono.just(stored(f)), AlarmChannelTest::resend,
                        AlarmChannelTest::encode, SENDER), 0)
                .expectSubscription()
                // the gateway takes no acks: only the read-ahead is asked for, however fast it decides
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertThat(requested.get()).isEqualTo(40))
                // positive control: taking 30 acks returns their credit (in chunks of a quarter)
                .thenRequest(30)
                .expectNextCount(30)
                .then(() -> assertThat(requested.get()).isEqualTo(70))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(970)
                .verifyComplete();
    }

    /** A journal that admits {@code limit} events at once and commits up to {@code perTick} of them each millisecond. */
    private static final class Journal implements AutoCloseable {
        private final int limit;
        private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.Queue<Runnable> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final reactor.core.Disposable committer;
        final AtomicLong overloaded = new AtomicLong();
        final AtomicLong stored = new AtomicLong();

        Journal(int limit, int perTick) {
            this.limit = limit;
            this.committer = Schedulers.single().schedulePeriodically(() -> {
                Runnable next;
                for (int i = 0; i < perTick && (next = waiting.poll()) != null; i++) {
                    next.run();
                }
            }, 1, 1, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        Mono<Ack> decide(byte[] frame) {
            if (inFlight.incrementAndGet() > limit) {
                inFlight.decrementAndGet();
                overloaded.incrementAndGet();
                return Mono.just(new Ack(UUID.nameUUIDFromBytes(frame), Ack.Outcome.REJECTED, "OVERLOADED", "at capacity"));
            }
            return Mono.create(sink -> waiting.offer(() -> {
                inFlight.decrementAndGet();
                stored.incrementAndGet();
                sink.success(stored(frame));
            }));
        }

        @Override
        public void close() {
            committer.dispose();
        }
    }

    /** Four gateways, each with 5,000 frames ready at once (far past capacity), over channels given {@code credit}. */
    private static Journal offerFarPastCapacity(ChannelCredit credit) {
        Journal journal = new Journal(400, 40);
        List<Flux<Payload>> channels = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int channel = c;
            ChannelCredit.Lane lane = credit.open();
            channels.add(AlarmChannel.answer(Flux.range(0, 5_000).map(i -> frame(channel + "-" + i)).doOnNext(f -> lane.heard()), lane,
                    journal::decide, AlarmChannelTest::resend, AlarmChannelTest::encode, SENDER));
        }
        StepVerifier.create(Flux.merge(channels)).expectNextCount(20_000).expectComplete().verify(Duration.ofSeconds(30));
        journal.close();
        return journal;
    }

    @Test
    void past_capacity_gateways_are_asked_only_for_their_share_of_what_intake_admits_so_little_is_refused() {
        // each channel's share of the 400 the journal admits: 100
        Journal shared = offerFarPastCapacity(new ChannelCredit(() -> 400, 4_096));
        // control: a fixed read-ahead of 4,096 per channel, as before (the ceiling, not the share)
        Journal fixed = offerFarPastCapacity(new ChannelCredit(() -> Integer.MAX_VALUE, 4_096));

        // every frame answered in both; with shares none is read only to be refused
        assertThat(shared.stored.get() + shared.overloaded.get()).isEqualTo(20_000);
        assertThat(shared.overloaded.get()).isZero();
        assertThat(shared.stored.get()).isEqualTo(20_000);
        // positive control: the same gateways over a fixed read-ahead are mostly refused
        assertThat(fixed.stored.get() + fixed.overloaded.get()).isEqualTo(20_000);
        assertThat(fixed.overloaded.get()).isGreaterThan(10_000);
    }

    @Test
    void a_channel_share_follows_the_admission_window_and_counts_only_channels_that_are_sending() {
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger(2_000);
        AtomicLong now = new AtomicLong(0);
        ChannelCredit credit = new ChannelCredit(admitted::get, 1_000, now::get);
        ChannelCredit.Lane busy = credit.open();
        List<ChannelCredit.Lane> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(credit.open());
        }
        tick(now);
        // new channels count from their start
        assertThat(busy.getAsInt()).isEqualTo(500);
        // three gateways silent for a second do not shrink the one that sends; the connection's budget caps it
        now.addAndGet(ChannelCredit.ACTIVE_NANOS);
        busy.heard();
        tick(now);
        assertThat(busy.getAsInt()).isEqualTo(1_000);
        others.forEach(ChannelCredit.Lane::heard);
        tick(now);
        assertThat(busy.getAsInt()).isEqualTo(500);
        admitted.set(400);
        assertThat(busy.getAsInt()).isEqualTo(100);
        // a gateway silent for a second, or gone, no longer counts
        now.addAndGet(ChannelCredit.ACTIVE_NANOS / 2);
        busy.heard();
        others.get(0).heard();
        now.addAndGet(ChannelCredit.ACTIVE_NANOS / 2 + 1);
        others.get(1).close();
        tick(now);
        assertThat(busy.getAsInt()).isEqualTo(200);
        assertThat(credit.openChannels()).isEqualTo(3);
    }

    /** Past the share's recount interval. */
    private static void tick(AtomicLong now) {
        now.addAndGet(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void a_cancelled_channel_stops_reading_and_answers_that_come_late_go_nowhere() {
        Sinks.One<Ack> late = Sinks.one();
        List<Long> requests = new ArrayList<>();
        Sinks.Many<byte[]> gateway = Sinks.many().unicast().onBackpressureBuffer();
        Flux<byte[]> frames = gateway.asFlux().doOnRequest(requests::add);

        StepVerifier.create(AlarmChannel.answer(frames, () -> 40, f -> late.asMono(), AlarmChannelTest::resend,
                        AlarmChannelTest::encode, SENDER))
                .then(() -> gateway.tryEmitNext(frame("a")))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(gateway.currentSubscriberCount()).isZero();
        assertThat(late.tryEmitValue(stored(frame("a"))).isSuccess()).isTrue();
        assertThat(requests).containsExactly(40L);
    }
}
