package kr.anshim.backend.pipeline;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StartupLoadTest {

    @Test
    void a_load_that_fails_once_is_retried_after_a_backoff_and_then_succeeds() {
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        Mono<Void> load = Mono.defer(() -> attempts.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("database restarting")) : Mono.empty());

        StepVerifier.withVirtualTime(() -> StartupLoad.retrying("the registry", load, failures::add,
                        LoggerFactory.getLogger(StartupLoadTest.class)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(100))
                .thenAwait(Duration.ofSeconds(2))
                .verifyComplete();

        assertThat(attempts).hasValue(2);
        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("database restarting"));
    }

    @Test
    void a_cached_load_that_failed_once_does_not_replay_the_failure_to_later_callers() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> cached = StartupLoad.retrying("open incidents",
                Mono.defer(() -> attempts.incrementAndGet() < 3 ? Mono.error(new IllegalStateException("down")) : Mono.empty()),
                error -> { }, LoggerFactory.getLogger(StartupLoadTest.class)).cache();

        StepVerifier.create(cached).expectComplete().verify(Duration.ofSeconds(10));
        StepVerifier.create(cached).expectComplete().verify(Duration.ofSeconds(1));
        assertThat(attempts).hasValue(3);
    }
}
