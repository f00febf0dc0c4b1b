package kr.anshim.ui.backend;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands a live stream to a screen in batches, at most one push per {@code interval}, and asks the
 * backend for more only as the screen has shown what it got: at most {@code maxBatch} frames are
 * requested and not yet shown. A slow browser session so slows the stream down all the way to the
 * backend (bounded demand over RSocket), where its per-screen buffer keeps only each incident's
 * newest state, instead of frames piling up in this server's memory.
 * <p>
 * No {@code bufferTimeout}: its fair-backpressure variant could keep a partial batch back until more
 * came (the journal lost batches that way), and here that would be an alarm not shown.
 */
public final class PacedDelivery {

    private PacedDelivery() {
    }

    public static <T> Disposable deliver(Flux<T> stream, int maxBatch, Duration interval, UI ui,
                                         Consumer<List<T>> show, Consumer<Throwable> failed) {
        Pacer<T> pacer = new Pacer<>(maxBatch, interval, ui::access, show, failed, Schedulers.parallel());
        stream.subscribe(pacer);
        return pacer;
    }

    static final class Pacer<T> extends BaseSubscriber<T> {

        private final int maxBatch;
        private final long intervalNanos;
        private final Consumer<com.vaadin.flow.server.Command> access;
        private final Consumer<List<T>> show;
        private final Consumer<Throwable> failed;
        private final Scheduler timer;
        private final ConcurrentLinkedQueue<T> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean flushScheduled = new AtomicBoolean();

        Pacer(int maxBatch, Duration interval, Consumer<com.vaadin.flow.server.Command> access, Consumer<List<T>> show,
              Consumer<Throwable> failed, Scheduler timer) {
            this.maxBatch = maxBatch;
            this.intervalNanos = interval.toNanos();
            this.access = access;
            this.show = show;
            this.failed = failed;
            this.timer = timer;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(maxBatch);
        }

        @Override
        protected void hookOnNext(T frame) {
            waiting.offer(frame);
            scheduleFlush();
        }

        @Override
        protected void hookOnError(Throwable error) {
            failed.accept(error);
        }

        private void scheduleFlush() {
            if (flushScheduled.compareAndSet(false, true)) {
                timer.schedule(this::flush, intervalNanos, TimeUnit.NANOSECONDS);
            }
        }

        /** Everything waiting goes to the screen in one push; what it showed is asked for again. */
        private void flush() {
            List<T> batch = new ArrayList<>();
            T next;
            while ((next = waiting.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                flushed();
                return;
            }
            try {
                access.accept(() -> {
                    try {
                        show.accept(batch);
                    } finally {
                        request(batch.size());
                        flushed();
                    }
                });
            } catch (UIDetachedException detached) {
                dispose();
            }
        }

        private void flushed() {
            flushScheduled.set(false);
            if (!waiting.isEmpty()) {
                scheduleFlush();
            }
        }
    }
}
