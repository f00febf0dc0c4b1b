package kr.anshim.backend.incident;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentView;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How long after it was resolved or closed as a false alarm a person may take an incident back
 * ({@code REOPEN}, with a reason). Ten minutes by default: a wrong close is noticed within minutes
 * (by the operator who made it, or the resident calling again) while the responders are still
 * near; later than that the case is better opened afresh than resumed, and the audit trail of the
 * old one stays as it ended. It is shorter than the correlator's 30 minutes in which a device's new
 * signal reopens an incident by itself ({@code anshim.incident.reopen-grace}), so the correlator
 * still holds the closed incident whenever a person may reopen it. A cancelled incident is not
 * reopened by a person: cancelling is a decision that the case was never one.
 *
 * @param grace the grace period, {@code anshim.incident.reopen-by-person.grace}
 */
@ConfigurationProperties("anshim.incident.reopen-by-person")
public record ReopenWindow(Duration grace) {

    public static final Duration DEFAULT = Duration.ofMinutes(10);

    /** The states a person may reopen from. */
    public static final Set<IncidentStatus> FROM = EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.FALSE_ALARM);

    public ReopenWindow {
        grace = grace == null ? DEFAULT : grace;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("anshim.incident.reopen-by-person.grace may not be negative: " + grace);
        }
    }

    /** Until when a person may reopen an incident in {@code status} closed at {@code closedAt}; empty if never. */
    public Optional<Instant> until(IncidentStatus status, Instant closedAt) {
        return FROM.contains(status) && closedAt != null ? Optional.of(closedAt.plus(grace)) : Optional.empty();
    }

    /** The same for an incident as a screen receives it, if it may still be reopened at {@code now}. */
    public Optional<Instant> until(IncidentView incident, Instant now) {
        return until(incident.status(), incident.closedAt()).filter(end -> !now.isAfter(end));
    }
}
