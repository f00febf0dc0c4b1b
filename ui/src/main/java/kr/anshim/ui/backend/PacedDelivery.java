package kr.anshim.ui.backend;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands a live stream to a screen in batches, asking for the next batch only once the previous one
 * has run in the UI. A slow browser session so slows the stream down all the way to the backend
 * (bounded demand over RSocket), where its per-screen buffer keeps only each incident's newest
 * state, instead of frames piling up in this server's memory.
 */
public final class PacedDelivery {

    private PacedDelivery() {
    }

    public static <T> Disposable deliver(Flux<T> stream, int maxBatch, Duration interval, UI ui,
                                         Consumer<List<T>> show, Consumer<Throwable> failed) {
        BaseSubscriber<List<T>> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(List<T> batch) {
                try {
                    ui.access(() -> {
                        try {
                            show.accept(batch);
                        } finally {
                            request(1);
                        }
                    });
                } catch (UIDetachedException detached) {
                    dispose();
                }
            }

            @Override
            protected void hookOnError(Throwable error) {
                failed.accept(error);
            }
        };
        // fair backpressure: a batch is emitted only when asked for, and upstream demand stays bounded
        stream.bufferTimeout(maxBatch, interval, true).subscribe(subscriber);
        return subscriber;
    }
}
