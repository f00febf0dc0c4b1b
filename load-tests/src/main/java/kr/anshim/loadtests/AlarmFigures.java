package kr.anshim.loadtests;

import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.api.AlarmLoad;
import kr.anshim.api.AlarmLoadQuery;
import kr.anshim.api.AlarmLoadReport;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.FloodState;
import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.util.MimeTypeUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Watches one ward's console while the simulator runs, as its screen sees it: every 10 s the
 * backend's flood state ({@code alarm.flood}, what the console's flood view follows), and at the end
 * the ISA-18.2 measures over the run ({@code alarm.load}) and the flood entries of the alarm audit,
 * signed in as the demo supervisor. Arguments: {@code --port=7000 --ward=11440 --duration=PT7M}.
 */
public final class AlarmFigures {

    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));

    private AlarmFigures() {
    }

    public static void main(String[] argv) {
        Map<String, String> args = LoadRun.parse(argv);
        int port = Integer.parseInt(args.getOrDefault("port", "7000"));
        String ward = args.getOrDefault("ward", "11440");
        Duration duration = Duration.parse(args.getOrDefault("duration", "PT7M"));
        RSocketRequester supervisor = supervisor(port);
        Instant from = Instant.now();
        Instant end = from.plus(duration);
        System.out.println("time (KST)  flood  since      presented in the last 10 min");
        // one sample now and every 10 s on Reactor's timer until the end; the main thread only waits
        reactor.core.publisher.Flux.interval(Duration.ZERO, Duration.ofSeconds(10))
                .takeWhile(tick -> Instant.now().isBefore(end))
                .concatMap(tick -> supervisor.route(Routes.ALARM_FLOOD).data(List.of(ward))
                        .retrieveMono(new ParameterizedTypeReference<List<FloodState>>() {
                        }).timeout(Duration.ofSeconds(10)), 1)
                .doOnNext(states -> {
                    FloodState state = states.get(0);
                    System.out.printf("%s    %-5s  %-9s  %d%n", KST.format(Instant.now()), state.flood() ? "yes" : "no",
                            state.since() == null ? "-" : KST.format(state.since()), state.last10Minutes());
                })
                .blockLast();
        Instant to = Instant.now();
        AlarmLoadReport report = supervisor.route(Routes.ALARM_LOAD).data(new AlarmLoadQuery(from, to, List.of(ward)))
                .retrieveMono(AlarmLoadReport.class).block(Duration.ofSeconds(60));
        for (AlarmLoad load : report.wards()) {
            System.out.printf("%nward %s, %s to %s KST (%d s)%n", load.key(), KST.format(load.from()), KST.format(load.to()),
                    Duration.between(load.from(), load.to()).toSeconds());
            System.out.printf("presented %d · per 10 min %.1f · per hour %.1f · peak 10 min %d · in flood %.1f%% (%d floods)%n",
                    load.presented(), load.per10Minutes(), load.perHour(), load.peak10Minutes(), load.floodPercent(), load.floods());
            System.out.printf("chattering %s · stale %d · top 10 share %.1f%% · mix %s%n", load.chattering(), load.stale(),
                    load.topShare(), load.mix());
            System.out.printf("ratings %s%n", load.ratings());
        }
        supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class)
                .filter(entry -> ward.equals(entry.wardCode()) && entry.at().isAfter(from) && entry.action().startsWith("FLOOD"))
                .collectList().block(Duration.ofSeconds(30))
                .forEach(entry -> System.out.printf("audit %s KST %s %s%n", KST.format(entry.at()), entry.action(), entry.detail()));
        supervisor.dispose();
    }

    private static RSocketRequester supervisor(int port) {
        RSocketRequester service = RSocketRequester.builder().rsocketStrategies(LoadRun.strategies())
                .dataMimeType(MimeTypeUtils.APPLICATION_JSON)
                .setupData(ConnectionCredentials.service("ui", "demo-ui-token")).tcp("127.0.0.1", port);
        LoginResult login = service.route(Routes.LOGIN).data(new LoginRequest("supervisor", "anshim-demo", "alarm-figures"))
                .retrieveMono(LoginResult.class).block(Duration.ofSeconds(30));
        service.dispose();
        return RSocketRequester.builder().rsocketStrategies(LoadRun.strategies()).dataMimeType(MimeTypeUtils.APPLICATION_JSON)
                .setupData(ConnectionCredentials.user("supervisor", login.token())).tcp("127.0.0.1", port);
    }
}
