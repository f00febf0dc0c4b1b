package kr.anshim.backend.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Optional;

/**
 * Response-time targets for the share-within-target figures ({@code anshim.metrics.targets.*}).
 * The on-scene default follows Seoul's average police arrival for urgent 112 calls, about four to
 * five minutes.
 *
 * @param acknowledge opened to acknowledged, default 30 s
 * @param dispatch    opened to dispatched, default 60 s
 * @param onScene     opened to on scene (the {@code response} measure), default 5 min
 */
@ConfigurationProperties("anshim.metrics.targets")
record ResponseTargets(Duration acknowledge, Duration dispatch, Duration onScene) {

    static final ResponseTargets DEFAULTS = new ResponseTargets(null, null, null);

    ResponseTargets {
        acknowledge = acknowledge == null ? Duration.ofSeconds(30) : acknowledge;
        dispatch = dispatch == null ? Duration.ofSeconds(60) : dispatch;
        onScene = onScene == null ? Duration.ofMinutes(5) : onScene;
    }

    Optional<Duration> of(Measure measure) {
        return switch (measure) {
            case ACKNOWLEDGE -> Optional.of(acknowledge);
            case DISPATCH -> Optional.of(dispatch);
            case RESPONSE -> Optional.of(onScene);
            default -> Optional.empty();
        };
    }
}
