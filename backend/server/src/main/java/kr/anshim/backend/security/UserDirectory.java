package kr.anshim.backend.security;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.ConnectionCredentials.Kind;
import kr.anshim.api.LoginResult;
import kr.anshim.backend.device.Tokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Screen users and their sign-in sessions, in PostgreSQL. Passwords are BCrypt hashes (checked on
 * boundedElastic: BCrypt is deliberately slow); session tokens are random and stored only as
 * SHA-256 digests. A wrong username and a wrong password get the same answer.
 */
@Component
public class UserDirectory {

    static final String REFUSED = "아이디 또는 비밀번호가 올바르지 않습니다 · wrong username or password";
    static final String LOCKED = "로그인 실패가 반복되어 잠겼습니다. 잠시 후 다시 시도하거나 관리자에게 문의하세요 · "
            + "locked after repeated failed sign-ins; try again later or ask an admin";

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration sessionLength;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();
    private final MeterRegistry meters;

    private final LoginThrottle throttle;
    private final AdminAudit audit;
    private final OpenUserConnections connections;
    /** Checked when there is no account, so that an unknown username costs the same BCrypt work. */
    private final String dummyHash;

    UserDirectory(kr.anshim.backend.storage.ScreenDatabase screens, Clock clock, MeterRegistry meters,
                  @Value("${anshim.security.session-length:PT13H}") Duration sessionLength,
                  LoginThrottle throttle, AdminAudit audit, OpenUserConnections connections) {
        this.throttle = throttle;
        this.audit = audit;
        this.connections = connections;
        byte[] random = new byte[24];
        this.random.nextBytes(random);
        this.dummyHash = bcrypt.encode(Base64.getEncoder().encodeToString(random));
        this.db = screens.client();
        this.clock = clock;
        this.meters = meters;
        this.sessionLength = sessionLength;
    }

    private record Account(String username, String displayName, String passwordHash, Role role, List<String> wards,
                           boolean active, boolean approved) {
    }

    /** A user as stored, for the admin routes. */
    public record Stored(String username, String displayName, Role role, List<String> wards, boolean active, boolean approved) {
    }

    public Mono<LoginResult> login(String username, String password) {
        return login(username, password, "unknown");
    }

    /**
     * Checks a sign-in. Throttled per account and per source ({@link LoginThrottle}); an unknown
     * username, an inactive or unapproved account and a wrong password all cost one BCrypt check
     * (against a dummy hash when there is no account) and get the same answer.
     */
    public Mono<LoginResult> login(String username, String password, String source) {
        if (username == null || password == null || username.isBlank() || password.length() > 200) {
            return Mono.just(counted(LoginResult.refused(REFUSED)));
        }
        String name = username.strip();
        String from = source == null ? "unknown" : source;
        LoginThrottle.Attempt attempt = throttle.attempt(name.toLowerCase(java.util.Locale.ROOT), from);
        if (attempt.locked()) {
            Mono<Void> audited = attempt.newlyLocked()
                    ? audit.append("system", "LOCKED_OUT", name, "after repeated failed sign-ins; source " + source)
                    .doOnSuccess(v -> meters.counter("anshim.logins.lockouts").increment())
                    .onErrorResume(e -> Mono.empty())
                    : Mono.empty();
            return audited.thenReturn(LoginResult.refused(LOCKED)).map(this::counted);
        }
        return Mono.delay(attempt.delay())
                .then(account(name).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .publishOn(Schedulers.boundedElastic())
                .filter(account -> {
                    // the same BCrypt work whether or not the account exists, is active or approved
                    boolean matches = bcrypt.matches(password, account.map(Account::passwordHash).orElse(dummyHash));
                    return matches && account.isPresent() && account.get().active() && account.get().approved();
                })
                .map(java.util.Optional::get)
                .doOnNext(account -> throttle.succeeded(name.toLowerCase(java.util.Locale.ROOT), from))
                .flatMap(this::openSession)
                .defaultIfEmpty(LoginResult.refused(REFUSED))
                .map(this::counted);
    }

    /** Lifts an account's sign-in lockout. */
    public void unlock(String username) {
        throttle.unlock(username.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** Ends the session if the token belongs to the user; its connections are closed. True if there was one. */
    public Mono<Boolean> logout(String username, String token) {
        if (username == null || token == null) {
            return Mono.just(false);
        }
        return db.sql("delete from user_session where token_sha256 = $1 and username = $2")
                .bind(0, Tokens.sha256(token)).bind(1, username)
                .fetch().rowsUpdated()
                .flatMap(n -> connections.recheck().thenReturn(n > 0));
    }

    /** Every unexpired session, newest first. */
    public reactor.core.publisher.Flux<kr.anshim.api.SessionView> sessions() {
        java.util.Map<String, Integer> open = connections.counts();
        return db.sql("""
                        select s.token_sha256, s.username, u.role, s.created_at, s.expires_at from user_session s
                        join app_user u on u.username = s.username where s.expires_at > $1 order by s.created_at desc""")
                .bind(0, clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> {
                    String id = row.get("token_sha256", String.class).strip();
                    return new kr.anshim.api.SessionView(id, row.get("username", String.class), row.get("role", String.class),
                            row.get("created_at", java.time.OffsetDateTime.class).toInstant(),
                            row.get("expires_at", java.time.OffsetDateTime.class).toInstant(), open.getOrDefault(id, 0));
                })
                .all();
    }

    /** Ends a session by its id ({@link kr.anshim.api.SessionView#id()}); returns its user, if there was one. */
    public Mono<String> endSession(String id) {
        return db.sql("delete from user_session where token_sha256 = $1 returning username").bind(0, id)
                .map(row -> row.get("username", String.class)).one()
                .flatMap(username -> connections.recheck().thenReturn(username));
    }

    /** Ends all of a user's sessions (a role change, a new password); their connections are closed. */
    public Mono<Void> endSessions(String username) {
        return db.sql("delete from user_session where username = $1").bind(0, username).then().then(connections.recheck());
    }

    public Mono<Stored> find(String username) {
        return db.sql("select username, display_name, role, ward_codes, active, approved from app_user where username = $1")
                .bind(0, username)
                .map(row -> new Stored(row.get("username", String.class), row.get("display_name", String.class),
                        Role.valueOf(row.get("role", String.class)), Arrays.asList(row.get("ward_codes", String[].class)),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)), Boolean.TRUE.equals(row.get("approved", Boolean.class))))
                .one();
    }

    /** Whether the account may sign in: approved once a pending SUPERVISOR or ADMIN grant is. */
    public Mono<Void> approve(String username, Role role, List<String> wards) {
        return db.sql("update app_user set role = $2, ward_codes = $3, approved = true where username = $1")
                .bind(0, username).bind(1, role.name()).bind(2, wards.toArray(String[]::new)).then()
                .then(endSessions(username));
    }

    /** The signed-in user behind a session token, if the session is still valid. */
    public Mono<Caller> session(String username, String token) {
        return db.sql("""
                        select u.username, u.role, u.ward_codes from user_session s join app_user u on u.username = s.username
                        where s.token_sha256 = $1 and s.username = $2 and s.expires_at > $3 and u.active and u.approved""")
                .bind(0, Tokens.sha256(token))
                .bind(1, username)
                .bind(2, clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> new Caller(Kind.USER, row.get("username", String.class),
                        Set.of(row.get("ward_codes", String[].class)), Role.valueOf(row.get("role", String.class))))
                .one();
    }

    /** Creates or replaces a user; for the demo seed and the admin screen. */
    public Mono<Void> save(String username, String displayName, String password, Role role, List<String> wards) {
        return save(username, displayName, password, role, wards, true);
    }

    /** Creates a user, or replaces name, password, role and wards; {@code approved} false keeps a new account from signing in. */
    public Mono<Void> save(String username, String displayName, String password, Role role, List<String> wards, boolean approved) {
        return insert("""
                on conflict (username) do update set display_name = excluded.display_name,
                    password_hash = excluded.password_hash, role = excluded.role, ward_codes = excluded.ward_codes""",
                username, displayName, password, role, wards, approved).then();
    }

    /** Inserts a user, its password hashed off the event loop; {@code onConflict} says what a taken username does. */
    private Mono<Long> insert(String onConflict, String username, String displayName, String password, Role role,
                              List<String> wards, boolean approved) {
        return Mono.fromCallable(() -> bcrypt.encode(password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("""
                                insert into app_user (username, display_name, password_hash, role, ward_codes, approved)
                                values ($1, $2, $3, $4, $5, $6)
                                """ + onConflict)
                        .bind(0, username).bind(1, displayName).bind(2, hash).bind(3, role.name())
                        .bind(4, wards.toArray(String[]::new)).bind(5, approved)
                        .fetch().rowsUpdated());
    }

    /**
     * Creates a user only if the username is free, in one statement, so two admins creating the
     * same name at once cannot both succeed: true if created, false if the name was taken.
     */
    public Mono<Boolean> create(String username, String displayName, String password, Role role, List<String> wards, boolean approved) {
        return insert("on conflict (username) do nothing", username, displayName, password, role, wards, approved)
                .map(inserted -> inserted > 0);
    }

    public reactor.core.publisher.Flux<kr.anshim.api.UserAccount> all() {
        return db.sql("select username, display_name, role, ward_codes, active from app_user order by username")
                .map(row -> new kr.anshim.api.UserAccount(row.get("username", String.class), row.get("display_name", String.class),
                        row.get("role", String.class), Arrays.asList(row.get("ward_codes", String[].class)),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)), null))
                .all();
    }

    /**
     * Updates name, role, wards and active flag. Ends the user's sessions when deactivated; open
     * connections whose role or wards no longer match are closed (a ward change reconnects re-scoped).
     */
    public Mono<Void> update(String username, String displayName, Role role, List<String> wards, boolean active) {
        return db.sql("update app_user set display_name = $2, role = $3, ward_codes = $4, active = $5 where username = $1")
                .bind(0, username).bind(1, displayName).bind(2, role.name()).bind(3, wards.toArray(String[]::new)).bind(4, active)
                .then()
                .then(active ? connections.recheck() : endSessions(username));
    }

    public Mono<Boolean> exists(String username) {
        return db.sql("select 1 from app_user where username = $1").bind(0, username).map(row -> true).one().defaultIfEmpty(false);
    }

    public Mono<Long> count() {
        return db.sql("select count(*) as n from app_user").map(row -> row.get("n", Long.class)).one();
    }

    private Mono<Account> account(String username) {
        return db.sql("select username, display_name, password_hash, role, ward_codes, active, approved from app_user where username = $1")
                .bind(0, username)
                .map(row -> new Account(row.get("username", String.class), row.get("display_name", String.class),
                        row.get("password_hash", String.class), Role.valueOf(row.get("role", String.class)),
                        Arrays.asList(row.get("ward_codes", String[].class)), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        Boolean.TRUE.equals(row.get("approved", Boolean.class))))
                .one();
    }

    private Mono<LoginResult> openSession(Account account) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        return db.sql("insert into user_session (token_sha256, username, created_at, expires_at) values ($1, $2, $3, $4)")
                .bind(0, Tokens.sha256(token))
                .bind(1, account.username())
                .bind(2, now.atOffset(ZoneOffset.UTC))
                .bind(3, now.plus(sessionLength).atOffset(ZoneOffset.UTC))
                .then()
                .thenReturn(new LoginResult(true, null, token, account.username(), account.displayName(),
                        account.role().name(), account.wards()));
    }

    private LoginResult counted(LoginResult result) {
        meters.counter("anshim.logins", "outcome", result.ok() ? "accepted" : LOCKED.equals(result.error()) ? "locked" : "refused")
                .increment();
        return result;
    }
}
