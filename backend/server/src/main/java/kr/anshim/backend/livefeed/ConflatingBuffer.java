package kr.anshim.backend.livefeed;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A per-subscriber buffer that keeps only the newest item per key. It subscribes to its source at
 * once with unbounded demand (so it can listen before its reader is ready) and hands items to one
 * reader ({@link #flux()}) only as that reader requests them. While the reader lags, a newer item
 * for a key already waiting replaces the waiting one in place (its queue position is kept, so a
 * busy key does not starve the others): older intermediate states may be skipped, the newest
 * state of a key never is. At most {@code maxKeys} distinct keys wait; one more ends the reader's
 * stream with {@link Overflow} rather than drop a newest state silently (a screen then
 * resubscribes and gets a fresh snapshot).
 */
public final class ConflatingBuffer<K, T> implements CoreSubscriber<T>, Disposable {

    /** The reader fell behind by more distinct keys than the buffer may hold. */
    static final class Overflow extends RuntimeException {
        Overflow(int maxKeys) {
            super("the reader fell more than " + maxKeys + " incidents behind; resubscribe for a fresh snapshot");
        }
    }

    private final Function<? super T, ? extends K> key;
    private final ToLongFunction<? super T> version;
    private final int maxKeys;
    private final Runnable onConflated;
    private final Runnable onOverflow;
    private final Runnable onDisposed;

    /** Guarded by {@code this}. */
    private final LinkedHashMap<Object, T> waiting = new LinkedHashMap<>();
    private Throwable failure;
    private boolean done;

    private final AtomicReference<Subscription> upstream = new AtomicReference<>();
    private final AtomicBoolean attached = new AtomicBoolean();
    private final AtomicBoolean disposed = new AtomicBoolean();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile CoreSubscriber<? super T> reader;
    private volatile boolean terminated;

    ConflatingBuffer(Function<? super T, ? extends K> key, ToLongFunction<? super T> version, int maxKeys,
                     Runnable onConflated, Runnable onOverflow, Runnable onDisposed) {
        this.onOverflow = onOverflow;
        this.key = key;
        this.version = version;
        this.maxKeys = maxKeys;
        this.onConflated = onConflated;
        this.onDisposed = onDisposed;
    }

    /** Starts listening to {@code source}; items are held until {@link #flux()} is read. */
    ConflatingBuffer<K, T> listen(Flux<? extends T> source) {
        source.subscribe(this);
        return this;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (upstream.compareAndSet(null, s)) {
            s.request(Long.MAX_VALUE);
        } else {
            s.cancel();
        }
    }

    @Override
    public void onNext(T item) {
        boolean overflowed = false;
        synchronized (this) {
            if (done || disposed.get()) {
                return;
            }
            Object k = key.apply(item);
            T held = waiting.get(k);
            if (held != null) {
                if (version.applyAsLong(item) >= version.applyAsLong(held)) {
                    waiting.put(k, item); // replaces in place: the key keeps its position
                }
                onConflated.run();
            } else if (waiting.size() >= maxKeys) {
                failure = new Overflow(maxKeys);
                done = true;
                waiting.clear();
                overflowed = true;
            } else {
                waiting.put(k, item);
            }
        }
        if (overflowed) {
            onOverflow.run();
        }
        drain();
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            if (done) {
                return;
            }
            failure = error;
            done = true;
        }
        drain();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            done = true;
        }
        drain();
    }

    /** The one reader of this buffer; it gets items only as it requests them. */
    public Flux<T> flux() {
        return Flux.from(subscriber -> {
            if (!attached.compareAndSet(false, true)) {
                Operators.error(subscriber, new IllegalStateException("a conflating buffer has one reader"));
                return;
            }
            @SuppressWarnings("unchecked")
            CoreSubscriber<? super T> actual = (CoreSubscriber<? super T>) Operators.toCoreSubscriber(subscriber);
            actual.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (Operators.validate(n)) {
                        requested.accumulateAndGet(n, Operators::addCap);
                        drain();
                    }
                }

                @Override
                public void cancel() {
                    dispose();
                }
            });
            reader = actual;
            drain();
        });
    }

    /** How many items wait: at most the number of distinct keys. */
    synchronized int size() {
        return waiting.size();
    }

    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            Subscription s = upstream.getAndSet(Operators.cancelledSubscription());
            if (s != null) {
                s.cancel();
            }
            synchronized (this) {
                waiting.clear();
            }
            onDisposed.run();
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            CoreSubscriber<? super T> a = reader;
            if (a != null && !terminated && !disposed.get()) {
                long r = requested.get();
                long emitted = 0;
                while (emitted != r && !disposed.get()) {
                    T next;
                    synchronized (this) {
                        if (failure != null) {
                            break;
                        }
                        Iterator<Map.Entry<Object, T>> first = waiting.entrySet().iterator();
                        if (!first.hasNext()) {
                            break;
                        }
                        next = first.next().getValue();
                        first.remove();
                    }
                    a.onNext(next);
                    emitted++;
                }
                if (emitted != 0 && r != Long.MAX_VALUE) {
                    requested.addAndGet(-emitted);
                }
                Throwable error;
                boolean complete;
                synchronized (this) {
                    error = failure;
                    complete = done && waiting.isEmpty();
                }
                if (!disposed.get() && (error != null || complete)) {
                    terminated = true;
                    if (error != null) {
                        a.onError(error);
                    } else {
                        a.onComplete();
                    }
                    dispose();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
