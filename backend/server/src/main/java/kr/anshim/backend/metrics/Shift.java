package kr.anshim.backend.metrics;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** Control-room shifts by Seoul wall-clock time: day 07:00 to 19:00, night the rest. */
enum Shift {
    DAY, NIGHT;

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final LocalTime DAY_STARTS = LocalTime.of(7, 0);
    private static final LocalTime NIGHT_STARTS = LocalTime.of(19, 0);

    static Shift at(Instant instant) {
        LocalTime local = instant.atZone(SEOUL).toLocalTime();
        return !local.isBefore(DAY_STARTS) && local.isBefore(NIGHT_STARTS) ? DAY : NIGHT;
    }
}
