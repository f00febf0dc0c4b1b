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

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * A gateway's {@code device.alarms} channel: one answer per frame, sent as soon as that frame is
 * decided, in whatever order the decisions come (gateways match acks by {@code eventId}).
 *
 * <p>It replaces a {@code flatMap} with a read-ahead of thousands: flatMap's drain loop walks all
 * of its inner slots on every answer, and since commits complete on the ward owner's thread that walk
 * took 15% of the backend's CPU at twice capacity, on the one thread intake cannot do without.
 * Here a refusal decided on the connection's thread (OVERLOADED, invalid) is encoded and sent at
 * once, as before; an answer decided by a commit costs the ward owner's thread one queue offer, and
 * the acks of a commit are encoded and handed to RSocket together on {@code sender}.
 *
 * <p>Credit: the channel asks the gateway for at most {@code credit} frames beyond those answered
 * and delivered (RSocket's requestN), so at most that many are undecided or answered-but-unsent at
 * any time, whatever the gateway's own demand for acks. {@code credit} is this channel's share of
 * what intake admits right now (see {@link DeviceSockets}), read again on every answer: past
 * capacity a gateway is simply not asked for frames intake would refuse, so the server does not
 * spend its CPU reading and refusing them while admitted alarms wait. A gateway holds what it may
 * not send yet for a bounded time of its own and answers its devices busy after that
 * (docs/device-protocol.md); frames that arrive within credit and still find intake full (single
 * devices took the reserve, another instance's load) are answered {@code OVERLOADED} at once.
 */
final class AlarmChannel extends BaseSubscriber<byte[]> {

    private final Function<byte[], Mono<Ack>> decide;
    private final Function<byte[], Ack> onError;
    private final Function<Ack, Payload> encode;
    /** The smallest credit: enough to keep a gateway's batches flowing at any load. */
    static final int FLOOR = 32;

    private final IntSupplier credit;
    /** 1 while the inbound is open, plus one per frame not yet answered; the channel completes at 0. */
    private final AtomicInteger open = new AtomicInteger(1);
    private final Scheduler sender;
    /** Answers decided by commits, waiting for {@link #drain}; {@link #draining} admits one drain at a time. */
    private final Queue<Ack> committed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger draining = new AtomicInteger();
    private FluxSink<Payload> answers;
    /** Frames asked for and not yet answered and delivered; touched serially by the downstream only. */
    private int outstanding;

    private AlarmChannel(Function<byte[], Mono<Ack>> decide, Function<byte[], Ack> onError, Function<Ack, Payload> encode,
                         IntSupplier credit, Scheduler sender) {
        this.sender = sender;
        this.decide = decide;
        this.onError = onError;
        this.encode = encode;
        this.credit = credit;
    }

    /**
     * The answers to {@code frames}: every frame gets exactly one, whatever {@code decide} does
     * (its errors become the answer {@code onError} makes for that frame).
     */
    static Flux<Payload> answer(Flux<byte[]> frames, IntSupplier credit, Function<byte[], Mono<Ack>> decide,
                                Function<byte[], Ack> onError, Function<Ack, Payload> encode, Scheduler sender) {
        return Flux.defer(() -> {
            AlarmChannel channel = new AlarmChannel(decide, onError, encode, credit, sender);
            return Flux.<Payload>create(sink -> {
                        channel.answers = sink;
                        sink.onDispose(channel::dispose);
                        frames.subscribe(channel);
                    }, FluxSink.OverflowStrategy.BUFFER)
                    .doOnNext(sent -> channel.sent());
        });
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        outstanding = window();
        subscription.request(outstanding);
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
                    .subscribe(ack -> handOver(frame, ack), error -> handOver(frame, null));
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
        send(ack != null ? ack : onError.apply(frame));
        closeOne();
    }

    /** From a commit: leave the ward owner's thread at once; {@link #drain} sends. */
    private void handOver(byte[] frame, Ack ack) {
        committed.offer(ack != null ? ack : onError.apply(frame));
        if (draining.getAndIncrement() == 0) {
            try {
                sender.schedule(this::drain);
            } catch (RejectedExecutionException stopping) {
                drain();
            }
        }
    }

    private void drain() {
        int missed = 1;
        do {
            Ack ack;
            while ((ack = committed.poll()) != null) {
                send(ack);
                closeOne();
            }
            missed = draining.addAndGet(-missed);
        } while (missed != 0);
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

    private void send(Ack ack) {
        answers.next(encode.apply(ack));
    }

    private void closeOne() {
        if (open.decrementAndGet() == 0) {
            answers.complete();
        }
    }

    /** One answer reached the gateway: ask for more once a quarter of the current credit is free. */
    private void sent() {
        outstanding--;
        int window = window();
        int room = window - outstanding;
        if (room >= Math.max(1, window / 4)) {
            outstanding += room;
            request(room);
        }
    }

    private int window() {
        return Math.max(FLOOR, credit.getAsInt());
    }
}
