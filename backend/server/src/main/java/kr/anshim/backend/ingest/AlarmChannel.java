package kr.anshim.backend.ingest;

import io.rsocket.Payload;
import kr.anshim.api.Ack;
import org.reactivestreams.Subscription;
import reactor.core.Fuseable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A gateway's {@code device.alarms} channel: one answer per frame, sent as soon as that frame is
 * decided, in whatever order the decisions come (gateways match acks by {@code eventId}).
 *
 * <p>It replaces a {@code flatMap} with a read-ahead of thousands: flatMap's drain loop walks all
 * of its inner slots on every answer, and since commits complete on the journal's thread that walk
 * took 15% of the backend's CPU at twice capacity, on the one thread intake cannot do without.
 * Here an answer costs a queue offer on the deciding thread; acks are encoded and handed to RSocket
 * on {@code sender}, off the journal's thread.
 *
 * <p>Bounds: the channel asks the gateway for {@code readAhead} frames and asks for more only as
 * answers are delivered downstream, in chunks of a quarter, so at most {@code readAhead} frames are
 * undecided or answered-but-unsent at any time, whatever the gateway's own demand for acks.
 */
final class AlarmChannel extends BaseSubscriber<byte[]> {

    private final Function<byte[], Mono<Ack>> decide;
    private final Function<byte[], Ack> onError;
    private final Function<Ack, Payload> encode;
    private final int readAhead;
    private final int replenish;
    /** 1 while the inbound is open, plus one per frame not yet answered; the channel completes at 0. */
    private final AtomicInteger open = new AtomicInteger(1);
    private FluxSink<Ack> answers;
    /** Answers delivered since the last request; touched serially by the downstream only. */
    private int delivered;

    private AlarmChannel(Function<byte[], Mono<Ack>> decide, Function<byte[], Ack> onError, Function<Ack, Payload> encode,
                         int readAhead) {
        this.decide = decide;
        this.onError = onError;
        this.encode = encode;
        this.readAhead = Math.max(1, readAhead);
        this.replenish = Math.max(1, this.readAhead / 4);
    }

    /**
     * The answers to {@code frames}: every frame gets exactly one, whatever {@code decide} does
     * (its errors become the answer {@code onError} makes for that frame).
     */
    static Flux<Payload> answer(Flux<byte[]> frames, int readAhead, Function<byte[], Mono<Ack>> decide,
                                Function<byte[], Ack> onError, Function<Ack, Payload> encode, Scheduler sender) {
        return Flux.defer(() -> {
            AlarmChannel channel = new AlarmChannel(decide, onError, encode, readAhead);
            return Flux.<Ack>create(sink -> {
                        channel.answers = sink;
                        sink.onDispose(channel::dispose);
                        frames.subscribe(channel);
                    }, FluxSink.OverflowStrategy.BUFFER)
                    .publishOn(sender, channel.replenish)
                    .map(channel.encode)
                    .doOnNext(sent -> channel.sent());
        });
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(readAhead);
    }

    @Override
    protected void hookOnNext(byte[] frame) {
        open.incrementAndGet();
        Mono<Ack> decision;
        try {
            decision = decide.apply(frame);
        } catch (RuntimeException error) {
            answered(frame, null);
            return;
        }
        if (decision instanceof Fuseable.ScalarCallable<?> scalar) {
            // a refusal: answered on this thread without a subscription (cheap while shedding)
            answered(frame, value(scalar));
        } else {
            decision.switchIfEmpty(Mono.fromSupplier(() -> onError.apply(frame)))
                    .subscribe(ack -> answered(frame, ack), error -> answered(frame, null));
        }
    }

    private static Ack value(Fuseable.ScalarCallable<?> scalar) {
        try {
            return (Ack) ((Callable<?>) scalar).call();
        } catch (Exception error) {
            return null;
        }
    }

    /** Exactly once per frame: a missing decision (error or empty) gets {@code onError}'s answer. */
    private void answered(byte[] frame, Ack ack) {
        answers.next(ack != null ? ack : onError.apply(frame));
        closeOne();
    }

    @Override
    protected void hookOnComplete() {
        closeOne();
    }

    @Override
    protected void hookOnError(Throwable error) {
        // the connection or the stream ended: nobody is left to answer
        answers.error(error);
    }

    private void closeOne() {
        if (open.decrementAndGet() == 0) {
            answers.complete();
        }
    }

    private void sent() {
        if (++delivered >= replenish) {
            int more = delivered;
            delivered = 0;
            request(more);
        }
    }
}
