package kr.anshim.backend.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down and then stops password guessing, per account and per source (the browser address the
 * UI relays; the relaying service when it sends none). Every attempt counts as a failure as soon as
 * it starts, so a parallel burst is counted too; a correct password clears the account's count
 * and takes back only its own attempt from the source's. From the {@value #DELAY_FROM_ACCOUNT}th consecutive failure of an account
 * (the {@value #DELAY_FROM_SOURCE}th of a source) each further attempt waits 250 ms, doubling up to
 * 4 s; after {@code lock-after} failures (30 for a source) the account or source is locked for
 * {@code lock-for}. Unknown usernames are counted exactly like known ones, so a lockout reveals
 * nothing. Kept in memory per backend instance; an admin can lift an account's lockout.
 */
@Component
class LoginThrottle {

    static final int DELAY_FROM_ACCOUNT = 3;
    static final int DELAY_FROM_SOURCE = 10;
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(4);
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final int accountLockAfter;
    private final int sourceLockAfter;
    private final Duration lockFor;
    private final Map<String, State> accounts = new ConcurrentHashMap<>();
    private final Map<String, State> sources = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock,
                  @Value("${anshim.security.login.lock-after:8}") int accountLockAfter,
                  @Value("${anshim.security.login.source-lock-after:30}") int sourceLockAfter,
                  @Value("${anshim.security.login.lock-for:PT15M}") Duration lockFor) {
        this.clock = clock;
        this.accountLockAfter = accountLockAfter;
        this.sourceLockAfter = sourceLockAfter;
        this.lockFor = lockFor;
    }

    private record State(int failures, Instant last, Instant lockedUntil) {
    }

    /**
     * @param locked      refuse without checking the password
     * @param newlyLocked this attempt locked the account (audit it once)
     * @param delay       wait this long before answering
     */
    record Attempt(boolean locked, boolean newlyLocked, Duration delay) {
    }

    /** Registers an attempt (as a failure until {@link #succeeded}) and says how to treat it. */
    Attempt attempt(String account, String source) {
        Instant now = clock.instant();
        if (accounts.size() + sources.size() > MAX_ENTRIES) {
            purge(now);
        }
        boolean[] newly = new boolean[1];
        State a = accounts.compute(account, (k, s) -> next(s, now, accountLockAfter, newly));
        boolean[] sourceNewly = new boolean[1];
        State s = sources.compute(source, (k, st) -> next(st, now, sourceLockAfter, sourceNewly));
        boolean locked = isLocked(a, now) || isLocked(s, now);
        Duration delay = max(delay(a.failures() - 1, DELAY_FROM_ACCOUNT), delay(s.failures() - 1, DELAY_FROM_SOURCE));
        return new Attempt(locked, newly[0], locked ? Duration.ZERO : delay);
    }

    /** Clears the account's count and takes back this attempt's reservation from the source's. */
    void succeeded(String account, String source) {
        accounts.remove(account);
        sources.computeIfPresent(source, (k, s) -> s.lockedUntil() != null ? s
                : new State(Math.max(0, s.failures() - 1), s.last(), null));
    }

    void unlock(String account) {
        accounts.remove(account);
    }

    private State next(State s, Instant now, int lockAfter, boolean[] newlyLocked) {
        if (s == null || (!isLocked(s, now) && s.last().plus(lockFor).isBefore(now))) {
            s = new State(0, now, null);
        }
        if (isLocked(s, now)) {
            return s;
        }
        if (s.failures() >= lockAfter) {
            newlyLocked[0] = true;
            return new State(s.failures(), now, now.plus(lockFor));
        }
        return new State(s.failures() + 1, now, null);
    }

    private static boolean isLocked(State s, Instant now) {
        return s.lockedUntil() != null && s.lockedUntil().isAfter(now);
    }

    /** No wait below {@code from} earlier failures; then 250 ms, doubling, at most 4 s. */
    static Duration delay(int earlierFailures, int from) {
        if (earlierFailures < from) {
            return Duration.ZERO;
        }
        int doublings = Math.min(earlierFailures - from, 10);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void purge(Instant now) {
        accounts.values().removeIf(s -> !isLocked(s, now) && s.last().plus(lockFor).isBefore(now));
        sources.values().removeIf(s -> !isLocked(s, now) && s.last().plus(lockFor).isBefore(now));
    }
}
