package kr.anshim.backend.welfare;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The welfare services' settings.
 *
 * @param checkEvery       how often thresholds and visit timers are checked
 * @param unansweredAfter  after an inactivity alert, how long without the officer's outcome before it escalates
 * @param policeAfter      after a visit falls overdue (the team is called), how long before the police box is called
 * @param outbox           the notification outbox
 */
@ConfigurationProperties("anshim.welfare")
public record WelfareProperties(@DefaultValue("PT1M") Duration checkEvery,
                                @DefaultValue("P1D") Duration unansweredAfter,
                                @DefaultValue("PT30M") Duration policeAfter,
                                @DefaultValue Outbox outbox) {

    /**
     * @param dispatchEvery how often due messages are looked for
     * @param batch         at most this many messages per round
     * @param firstRetry    the delay after the first failure; it doubles per attempt up to {@code maxRetry}
     * @param maxRetry      the longest delay between attempts
     * @param maxAttempts   after this many failures a message is GAVE_UP (kept, visible, counted)
     * @param lease         how long a claimed message is another dispatcher's; an expired one is retried
     * @param sendTimeout   an adapter taking longer has failed this attempt
     */
    public record Outbox(@DefaultValue("PT2S") Duration dispatchEvery,
                         @DefaultValue("50") int batch,
                         @DefaultValue("PT10S") Duration firstRetry,
                         @DefaultValue("PT30M") Duration maxRetry,
                         @DefaultValue("10") int maxAttempts,
                         @DefaultValue("PT2M") Duration lease,
                         @DefaultValue("PT30S") Duration sendTimeout) {
    }
}
