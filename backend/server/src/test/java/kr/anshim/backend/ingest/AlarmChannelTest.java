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

        StepVerifier.create(AlarmChannel.answer(frames, 16, decide, AlarmChannelTest::resend, AlarmChannelTest::encode, SENDER)
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

        StepVerifier.create(AlarmChannel.answer(frames, 40, f -> Mono.just(stored(f)), AlarmChannelTest::resend,
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

    @Test
    void past_capacity_the_window_shrinks_so_the_gateway_holds_its_frames_and_it_grows_again_after() {
        AtomicLong requested = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicLong aheadWhileOverloaded = new AtomicLong(-1);
        AtomicLong aheadAtEnd = new AtomicLong(-1);
        int overloaded = 5_000;
        int total = 30_000;
        Flux<byte[]> frames = Flux.range(0, total).map(i -> frame(Integer.toString(i))).doOnRequest(requested::addAndGet);
        Function<byte[], Mono<Ack>> decide = f -> Integer.parseInt(new String(f, StandardCharsets.UTF_8)) < overloaded
                ? Mono.just(new Ack(UUID.nameUUIDFromBytes(f), Ack.Outcome.REJECTED, "OVERLOADED", "at capacity"))
                : Mono.just(stored(f));

        StepVerifier.create(AlarmChannel.answer(frames, 1_000, decide, AlarmChannelTest::resend, AlarmChannelTest::encode, SENDER)
                        .doOnNext(answer -> {
                            long n = delivered.incrementAndGet();
                            if (n == overloaded) {
                                aheadWhileOverloaded.set(requested.get() - n);
                            } else if (n == total - 1) {
                                aheadAtEnd.set(requested.get() - n);
                            }
                        }))
                .expectNextCount(total)
                .verifyComplete();

        // every frame answered, and while every answer was OVERLOADED the gateway was asked for
        // no more than the floor beyond what it had been answered (it started at 1,000)
        assertThat(delivered.get()).isEqualTo(total);
        assertThat(aheadWhileOverloaded.get()).isBetween(1L, (long) AlarmChannel.FLOOR);
        // positive control: stored answers open the window again, one step per window's worth
        assertThat(aheadAtEnd.get()).isGreaterThan(150L);
    }

    @Test
    void a_cancelled_channel_stops_reading_and_answers_that_come_late_go_nowhere() {
        Sinks.One<Ack> late = Sinks.one();
        List<Long> requests = new ArrayList<>();
        Sinks.Many<byte[]> gateway = Sinks.many().unicast().onBackpressureBuffer();
        Flux<byte[]> frames = gateway.asFlux().doOnRequest(requests::add);

        StepVerifier.create(AlarmChannel.answer(frames, 40, f -> late.asMono(), AlarmChannelTest::resend,
                        AlarmChannelTest::encode, SENDER))
                .then(() -> gateway.tryEmitNext(frame("a")))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(gateway.currentSubscriberCount()).isZero();
        assertThat(late.tryEmitValue(stored(frame("a"))).isSuccess()).isTrue();
        assertThat(requests).containsExactly(40L);
    }
}
