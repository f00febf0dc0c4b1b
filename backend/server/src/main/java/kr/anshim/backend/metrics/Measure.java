package kr.anshim.backend.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The response-time measures, in lifecycle order, each with its wire name and how to read it. */
enum Measure {
    ACKNOWLEDGE("acknowledge", ResponseTimes::acknowledge),
    DISPATCH("dispatch", ResponseTimes::dispatch),
    HAND_OFF_112("handOff112", ResponseTimes::handOff112),
    TURNOUT("turnout", ResponseTimes::turnout),
    TRAVEL("travel", ResponseTimes::travel),
    RESPONSE("response", ResponseTimes::response),
    CLEAR("clear", ResponseTimes::clear);

    private final String wireName;
    private final Function<ResponseTimes, Duration> reader;

    Measure(String wireName, Function<ResponseTimes, Duration> reader) {
        this.wireName = wireName;
        this.reader = reader;
    }

    String wireName() {
        return wireName;
    }

    /** The measure of one incident, null when a step is missing. */
    Duration of(ResponseTimes times) {
        return reader.apply(times);
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(Measure::wireName).toList();
    }
}
