package kr.anshim.backend.responder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pair of statuses, checked against the table of legal responder transitions written out here. */
class ResponderStatusTest {

    private static final Set<String> LEGAL = Set.of(
            "AVAILABLE->DISPATCHED",
            "DISPATCHED->EN_ROUTE", "EN_ROUTE->ON_SCENE", "ON_SCENE->RETURNING", "RETURNING->AVAILABLE",
            "DISPATCHED->AVAILABLE", "EN_ROUTE->AVAILABLE",
            "AVAILABLE->OFF_DUTY", "DISPATCHED->OFF_DUTY", "EN_ROUTE->OFF_DUTY", "ON_SCENE->OFF_DUTY",
            "RETURNING->OFF_DUTY",
            "OFF_DUTY->AVAILABLE");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ResponderStatus from : ResponderStatus.values()) {
            for (ResponderStatus to : ResponderStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.contains(from + "->" + to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal: {2}")
    @MethodSource("everyPair")
    void a_responder_may_change_status_only_along_the_legal_transitions(ResponderStatus from, ResponderStatus to,
                                                                      boolean legal) {
        assertThat(from.canBecome(to)).isEqualTo(legal);
        assertThat(from.successors().contains(to)).isEqualTo(legal);
    }
}
