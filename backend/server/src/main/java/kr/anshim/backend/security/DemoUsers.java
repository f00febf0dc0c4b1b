package kr.anshim.backend.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * Demo profile only: one account per role, all with the password {@value #PASSWORD}.
 * The run command prints them and the README lists them.
 */
@Component
@Profile("demo")
class DemoUsers {

    static final String PASSWORD = "anshim-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private record Demo(String username, String name, Role role, List<String> wards) {
    }

    private static final List<Demo> ACCOUNTS = List.of(
            new Demo("op.mapo", "마포구 관제요원 김안심", Role.OPERATOR, List.of("11440")),
            new Demo("op.songpa", "송파구 관제요원 이보람", Role.OPERATOR, List.of("11710")),
            new Demo("police.mapo", "서울마포경찰서 경찰 연계 박민수", Role.POLICE_LIAISON, List.of("11440")),
            new Demo("supervisor", "관제 책임자 최지원", Role.SUPERVISOR, List.of()),
            new Demo("admin", "시스템 관리자", Role.ADMIN, List.of()),
            new Demo("officer.seodaemun", "서대문구 복지플래너 정다운", Role.OFFICER, List.of("11410")));

    private final UserDirectory users;

    DemoUsers(UserDirectory users) {
        this.users = users;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        users.count()
                .filter(n -> n == 0)
                .flatMapMany(n -> Flux.fromIterable(ACCOUNTS))
                .concatMap(a -> users.save(a.username(), a.name(), PASSWORD, a.role(), a.wards()))
                .then()
                // waited for, so that nobody (a test, the UI) tries to sign in before the accounts exist
                .doOnError(error -> log.error("Could not create the demo accounts", error))
                .doOnSuccess(done -> log.info("Demo accounts ready (password {}): {}", PASSWORD,
                        ACCOUNTS.stream().map(Demo::username).toList()))
                .onErrorResume(error -> reactor.core.publisher.Mono.empty())
                .block(java.time.Duration.ofSeconds(60));
    }
}
