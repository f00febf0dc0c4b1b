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

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration sessionLength;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();
    private final MeterRegistry meters;

    UserDirectory(kr.anshim.backend.storage.ScreenDatabase screens, Clock clock, MeterRegistry meters,
                  @Value("${anshim.security.session-length:PT13H}") Duration sessionLength) {
        this.db = screens.client();
        this.clock = clock;
        this.meters = meters;
        this.sessionLength = sessionLength;
    }

    private record Account(String username, String displayName, String passwordHash, Role role, List<String> wards,
                           boolean active) {
    }

    public Mono<LoginResult> login(String username, String password) {
        if (username == null || password == null || username.isBlank() || password.length() > 200) {
            return Mono.just(counted(LoginResult.refused(REFUSED)));
        }
        return account(username.strip())
                .publishOn(Schedulers.boundedElastic())
                .filter(account -> account.active() && bcrypt.matches(password, account.passwordHash()))
                .flatMap(this::openSession)
                .defaultIfEmpty(LoginResult.refused(REFUSED))
                .map(this::counted);
    }

    /** The signed-in user behind a session token, if the session is still valid. */
    public Mono<Caller> session(String username, String token) {
        return db.sql("""
                        select u.username, u.role, u.ward_codes from user_session s join app_user u on u.username = s.username
                        where s.token_sha256 = $1 and s.username = $2 and s.expires_at > $3 and u.active""")
                .bind(0, Tokens.sha256(token))
                .bind(1, username)
                .bind(2, clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> new Caller(Kind.USER, row.get("username", String.class),
                        Set.of(row.get("ward_codes", String[].class)), Role.valueOf(row.get("role", String.class))))
                .one();
    }

    /** Creates or replaces a user; for the demo seed and the admin screen. */
    public Mono<Void> save(String username, String displayName, String password, Role role, List<String> wards) {
        return Mono.fromCallable(() -> bcrypt.encode(password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("""
                                insert into app_user (username, display_name, password_hash, role, ward_codes)
                                values ($1, $2, $3, $4, $5)
                                on conflict (username) do update set display_name = excluded.display_name,
                                    password_hash = excluded.password_hash, role = excluded.role, ward_codes = excluded.ward_codes""")
                        .bind(0, username).bind(1, displayName).bind(2, hash).bind(3, role.name())
                        .bind(4, wards.toArray(String[]::new))
                        .then());
    }

    public reactor.core.publisher.Flux<kr.anshim.api.UserAccount> all() {
        return db.sql("select username, display_name, role, ward_codes, active from app_user order by username")
                .map(row -> new kr.anshim.api.UserAccount(row.get("username", String.class), row.get("display_name", String.class),
                        row.get("role", String.class), Arrays.asList(row.get("ward_codes", String[].class)),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)), null))
                .all();
    }

    /** Updates name, role, wards and active flag; the password only when one is given. Ends the user's sessions when deactivated. */
    public Mono<Void> update(String username, String displayName, Role role, List<String> wards, boolean active) {
        return db.sql("update app_user set display_name = $2, role = $3, ward_codes = $4, active = $5 where username = $1")
                .bind(0, username).bind(1, displayName).bind(2, role.name()).bind(3, wards.toArray(String[]::new)).bind(4, active)
                .then()
                .then(active ? Mono.empty() : db.sql("delete from user_session where username = $1").bind(0, username).then());
    }

    public Mono<Boolean> exists(String username) {
        return db.sql("select 1 from app_user where username = $1").bind(0, username).map(row -> true).one().defaultIfEmpty(false);
    }

    public Mono<Long> count() {
        return db.sql("select count(*) as n from app_user").map(row -> row.get("n", Long.class)).one();
    }

    private Mono<Account> account(String username) {
        return db.sql("select username, display_name, password_hash, role, ward_codes, active from app_user where username = $1")
                .bind(0, username)
                .map(row -> new Account(row.get("username", String.class), row.get("display_name", String.class),
                        row.get("password_hash", String.class), Role.valueOf(row.get("role", String.class)),
                        Arrays.asList(row.get("ward_codes", String[].class)), Boolean.TRUE.equals(row.get("active", Boolean.class))))
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
        meters.counter("anshim.logins", "outcome", result.ok() ? "accepted" : "refused").increment();
        return result;
    }
}
