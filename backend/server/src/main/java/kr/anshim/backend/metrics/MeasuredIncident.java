package kr.anshim.backend.metrics;

import kr.anshim.api.ResponseTimeRow;

import java.time.Duration;
import java.time.LocalDate;

/** An incident with its response times: what the rows, the summaries and the gauges are made of. */
record MeasuredIncident(IncidentRecord incident, ResponseTimes times) {

    static MeasuredIncident of(IncidentRecord incident) {
        return new MeasuredIncident(incident, ResponseTimes.of(incident.trail()));
    }

    Shift shift() {
        return Shift.at(incident.openedAt());
    }

    /** The Asia/Seoul calendar day it was opened. */
    LocalDate day() {
        return incident.openedAt().atZone(Shift.SEOUL).toLocalDate();
    }

    ResponseTimeRow row() {
        return new ResponseTimeRow(incident.id(), incident.wardCode(), incident.family(), incident.severity(),
                shift().name(), times.operator(), incident.responderKind(), incident.openedAt(),
                seconds(times.acknowledge()), seconds(times.dispatch()), seconds(times.handOff112()),
                seconds(times.turnout()), seconds(times.travel()), seconds(times.response()), seconds(times.clear()));
    }

    static Double seconds(Duration duration) {
        return duration == null ? null : duration.toNanos() / 1_000_000_000.0;
    }
}
