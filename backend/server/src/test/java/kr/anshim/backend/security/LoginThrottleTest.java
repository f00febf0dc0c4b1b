package kr.anshim.backend.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC),
            8, 30, Duration.ofMinutes(15));

    @Test
    void many_successful_sign_ins_from_one_source_are_never_slowed_but_failures_from_it_are() {
        for (int i = 0; i < 100; i++) {
            LoginThrottle.Attempt attempt = throttle.attempt("user-" + i, "control-room");
            assertThat(attempt.locked()).isFalse();
            assertThat(attempt.delay()).as("sign-in %d", i).isZero();
            throttle.succeeded("user-" + i, "control-room");
        }
        LoginThrottle.Attempt last = null;
        for (int i = 0; i < 12; i++) {
            last = throttle.attempt("guess-" + i, "control-room");
        }
        assertThat(last.delay()).as("the 12th failure from one source").isPositive();
    }

    @Test
    void delays_grow_then_the_account_locks() {
        assertThat(LoginThrottle.delay(2, 3)).isZero();
        assertThat(LoginThrottle.delay(3, 3)).isEqualTo(Duration.ofMillis(250));
        assertThat(LoginThrottle.delay(5, 3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginThrottle.delay(20, 3)).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 8; i++) {
            assertThat(throttle.attempt("op", "s" + i).locked()).isFalse();
        }
        LoginThrottle.Attempt ninth = throttle.attempt("op", "s9");
        assertThat(ninth.locked()).isTrue();
        assertThat(ninth.newlyLocked()).isTrue();
        assertThat(throttle.attempt("op", "s10").newlyLocked()).isFalse();
        throttle.unlock("op");
        assertThat(throttle.attempt("op", "s11").locked()).isFalse();
    }
}
