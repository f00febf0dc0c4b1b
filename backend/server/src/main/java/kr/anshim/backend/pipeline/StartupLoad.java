package kr.anshim.backend.pipeline;

import org.slf4j.Logger;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A start-up load that is retried with backoff until it succeeds, so a database that was briefly
 * unreachable at start does not leave the instance failing every connection while it looks alive.
 * The caller caches the result; until then readiness says DOWN.
 */
public final class StartupLoad {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private StartupLoad() {
    }

    public static Mono<Void> retrying(String what, Mono<Void> load, Consumer<Throwable> onFailure, Logger log) {
        return Mono.defer(() -> load)
                .doOnError(error -> {
                    onFailure.accept(error);
                    log.warn("Could not load {}, retrying: {}", what, error.toString());
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF).maxBackoff(MAX_BACKOFF));
    }
}
