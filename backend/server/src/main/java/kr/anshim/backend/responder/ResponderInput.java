package kr.anshim.backend.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.ResponderView;
import kr.anshim.backend.responder.RejectedInput.Reason;
import kr.anshim.backend.security.Caller;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Turns the raw bytes of a responder route into a checked request, or a {@link RejectedInput}
 * that is counted by route and reason ({@code anshim.responders.rejected}). Never throws for bad
 * input; reads JSON as a tree so that a missing number is reported as missing, not taken as 0.
 */
@Component
class ResponderInput {

    static final int MAX_BYTES = 4 * 1024;
    static final int DEFAULT_PER_KIND = 3;
    static final int MAX_PER_KIND = 10;
    /** Clocks in vehicles drift; a report from further ahead than this is refused. */
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final ObjectMapper json;
    private final ResponderRoster roster;
    private final Clock clock;
    private final MeterRegistry meters;

    ResponderInput(ObjectMapper json, ResponderRoster roster, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.roster = roster;
        this.clock = clock;
        this.meters = meters;
    }

    /** A position report {@code caller} may make, its time filled in with the control centre's clock if missing. */
    Checked<ResponderPosition> position(byte[] bytes, Caller caller) {
        try {
            JsonNode tree = object(bytes);
            JsonNode id = tree.get("responderId");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw new RejectedInput(Reason.MISSING_RESPONDER, "responderId is required");
            }
            double latitude = number(tree, "latitude");
            double longitude = number(tree, "longitude");
            inSeoul(latitude, longitude);
            ResponderView responder = roster.find(id.asText()).orElseThrow(() ->
                    new RejectedInput(Reason.UNKNOWN_RESPONDER, "no responder " + id.asText()));
            boolean mayReport = caller.kind() == ConnectionCredentials.Kind.SERVICE
                    || caller.mayRelayFor(responder.id(), responder.wardCode());
            if (!mayReport) {
                throw new RejectedInput(Reason.NOT_YOUR_RESPONDER, caller.kind() + " " + caller.id()
                        + " may not report for " + responder.id() + " in ward " + responder.wardCode());
            }
            return Checked.of(new ResponderPosition(responder.id(), latitude, longitude, time(tree.get("at"))));
        } catch (RejectedInput rejected) {
            return Checked.rejected(counted(ResponderRoutes.RESPONDER_POSITION, rejected));
        }
    }

    /** {@code {"latitude":..,"longitude":..,"perKind":3}}; perKind may be left out. */
    Checked<RecommendRequest> recommendation(byte[] bytes) {
        try {
            JsonNode tree = object(bytes);
            double latitude = number(tree, "latitude");
            double longitude = number(tree, "longitude");
            inSeoul(latitude, longitude);
            JsonNode perKind = tree.get("perKind");
            if (perKind == null || perKind.isNull()) {
                return Checked.of(new RecommendRequest(latitude, longitude, DEFAULT_PER_KIND));
            }
            if (!perKind.canConvertToInt() || !perKind.isIntegralNumber()
                    || perKind.intValue() < 1 || perKind.intValue() > MAX_PER_KIND) {
                throw new RejectedInput(Reason.INVALID_PER_KIND, "perKind must be a whole number from 1 to "
                        + MAX_PER_KIND + ", was " + perKind);
            }
            return Checked.of(new RecommendRequest(latitude, longitude, perKind.intValue()));
        } catch (RejectedInput rejected) {
            return Checked.rejected(counted(ResponderRoutes.RESPONDERS_RECOMMEND, rejected));
        }
    }

    private JsonNode object(byte[] bytes) {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new RejectedInput(Reason.MALFORMED_JSON, "send one JSON object of at most " + MAX_BYTES + " bytes");
        }
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new RejectedInput(Reason.MALFORMED_JSON, "not valid JSON: " + detail);
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedInput(Reason.MALFORMED_JSON, "send a JSON object");
        }
        return tree;
    }

    /** Numbers only; "NaN" as a string (which Jackson would otherwise accept) is refused like NaN. */
    private static double number(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            throw new RejectedInput(Reason.INVALID_COORDINATES, field + " is required");
        }
        double value = node.isNumber() ? node.doubleValue() : Double.NaN;
        if (!Double.isFinite(value)) {
            throw new RejectedInput(Reason.INVALID_COORDINATES, field + " must be a finite number in degrees, was " + node);
        }
        return value;
    }

    private static void inSeoul(double latitude, double longitude) {
        Optional<RejectedInput> problem = SeoulBounds.check(latitude, longitude);
        if (problem.isPresent()) {
            throw problem.get();
        }
    }

    /** RFC 3339 text or epoch seconds (Jackson's default for Instant); missing means now. */
    private Instant time(JsonNode at) {
        Instant now = clock.instant();
        if (at == null || at.isNull()) {
            return now;
        }
        Instant measured;
        try {
            measured = at.isNumber() ? epochSeconds(at.decimalValue()) : OffsetDateTime.parse(at.asText()).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw new RejectedInput(Reason.INVALID_TIME, "at must be RFC 3339 with an offset, e.g. 2026-11-23T22:15:03+09:00, was " + at);
        }
        if (measured.isAfter(now.plus(MAX_FUTURE))) {
            throw new RejectedInput(Reason.TIME_IN_FUTURE, "at " + measured + " is more than " + MAX_FUTURE.toMinutes()
                    + " minutes ahead of the control centre's clock (" + now + ")");
        }
        return measured;
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
    }

    private RejectedInput counted(String route, RejectedInput rejected) {
        meters.counter("anshim.responders.rejected", "route", route, "reason", rejected.reason().name()).increment();
        return rejected;
    }

    /** Exactly one of the two is set. */
    record Checked<T>(T value, RejectedInput rejection) {

        static <T> Checked<T> of(T value) {
            return new Checked<>(value, null);
        }

        static <T> Checked<T> rejected(RejectedInput rejection) {
            return new Checked<>(null, rejection);
        }
    }
}
