package kr.anshim.backend.security;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.AdminAuditEntry;
import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import kr.anshim.api.UserAccount;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing a password is slowed and then stopped: growing delays per account and per source, a
 * lockout after repeated failures that an admin can lift, and the same BCrypt work for an unknown
 * username as for a known one.
 */
@BackendIT
class LoginThrottlingIT {

    private static final String PASSWORD = "throttle-secret-1";

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    MeterRegistry meters;

    RSocketRequester service;
    RSocketRequester admin;

    @BeforeEach
    void connect() {
        service = TestConnections.service(strategies, port);
        admin = TestConnections.signedIn(strategies, port, "admin", "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        service.dispose();
        admin.dispose();
    }

    @Test
    void a_burst_of_wrong_passwords_is_slowed_then_locked_out_until_an_admin_unlocks() {
        String name = account();
        double lockedBefore = meters.counter("anshim.logins", "outcome", "locked").count();
        List<Long> millis = new ArrayList<>();
        List<LoginResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            results.add(login(name, "wrong-guess-" + i, "198.51.100." + i));
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("burst timings (ms): " + millis);

        assertThat(results.get(0).error()).contains("wrong username or password");
        assertThat(millis.get(5)).as("the sixth guess is delayed").isGreaterThan(millis.get(0) + 500);
        assertThat(results.get(9).error()).contains("locked");
        LoginResult rightButLocked = login(name, PASSWORD, "198.51.100.200");
        assertThat(rightButLocked.ok()).as("even the right password while locked").isFalse();
        assertThat(rightButLocked.error()).contains("locked");
        assertThat(meters.counter("anshim.logins", "outcome", "locked").count()).isGreaterThan(lockedBefore);
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("LOCKED_OUT");
            assertThat(e.subject()).isEqualTo(name);
        });

        admin.route(Routes.ADMIN_UNLOCK).data(name).retrieveMono(Void.class).block(Duration.ofSeconds(10));

        assertThat(login(name, PASSWORD, "198.51.100.201").ok()).as("after the admin unlocked it").isTrue();
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("UNLOCKED");
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.subject()).isEqualTo(name);
        });
    }

    @Test
    void an_unknown_username_costs_the_same_time_as_a_known_one() {
        String known = account();
        login(known, "warm-up", "203.0.113.250");
        login("nobody-warm-up", "warm-up", "203.0.113.251");
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            LoginResult wrong = login(known, "wrong-" + i, "203.0.113." + i);
            knownNanos.add(System.nanoTime() - start);
            assertThat(wrong.ok()).isFalse();
            assertThat(login(known, PASSWORD, "203.0.113." + (100 + i)).ok()).as("the right password resets the count").isTrue();

            start = System.nanoTime();
            LoginResult unknown = login("nobody-" + UUID.randomUUID().toString().substring(0, 8), "wrong-" + i, "203.0.113." + (200 + i));
            unknownNanos.add(System.nanoTime() - start);
            assertThat(unknown.error()).isEqualTo(wrong.error());
        }
        double knownMedian = median(knownNanos) / 1e6;
        double unknownMedian = median(unknownNanos) / 1e6;
        System.out.printf("sign-in medians: known %.1f ms, unknown %.1f ms%n", knownMedian, unknownMedian);
        assertThat(knownMedian).as("BCrypt ran for a known username").isGreaterThan(20.0);
        assertThat(Math.abs(knownMedian - unknownMedian)).as("unknown %.1f ms vs known %.1f ms", unknownMedian, knownMedian)
                // ~10% is the target; 35% tolerates a busy 2-core CI machine and still fails the old code by far
                // (known 182 ms vs unknown 20 ms: a gap of 89%)
                .isLessThanOrEqualTo(Math.max(0.35 * knownMedian, 15.0));
    }

    private LoginResult login(String username, String password, String source) {
        return service.route(Routes.LOGIN).data(new LoginRequest(username, password, source)).retrieveMono(LoginResult.class)
                .block(Duration.ofSeconds(30));
    }

    private String account() {
        String name = "op.thr-" + UUID.randomUUID().toString().substring(0, 8);
        admin.route(Routes.ADMIN_SAVE_USER).data(new UserAccount(name, "시험", "OPERATOR", List.of("11440"), true, PASSWORD))
                .retrieveMono(UserAccount.class).block(Duration.ofSeconds(10));
        return name;
    }

    private List<AdminAuditEntry> audit() {
        return admin.route(Routes.ADMIN_AUDIT).retrieveFlux(AdminAuditEntry.class).collectList().block(Duration.ofSeconds(10));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
