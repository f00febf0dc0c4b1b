package kr.anshim.backend.welfare;

import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.api.welfare.EnrolmentView;
import kr.anshim.api.welfare.WelfareRoutes;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.Tokens;
import org.springframework.messaging.rsocket.RSocketRequester;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** A person of one's own for each test (household, ACTIVITY_SUMMARY device, enrolment), so tests sharing the backend never meet. */
final class WelfareFixtures {

    /** An enrolled person: their household, device and the device's token. */
    record Person(String householdId, String deviceId, String token, double latitude, double longitude) {
    }

    private WelfareFixtures() {
    }

    static Person enrol(DeviceRegistry registry, Enrolments enrolments, String ward, double lat, double lon,
                        boolean protectedPerson, int thresholdDays, String officer) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String household = "H-WF-" + suffix;
        String device = "AS-WF-" + suffix;
        String token = "token-" + suffix;
        registry.ready().then(registry.importRows(
                        List.of(new DemoCity.Household(household, ward, lat, lon, protectedPerson, "복지 대상자 " + suffix,
                                "010-1234-" + suffix.substring(0, 4).replaceAll("[^0-9]", "7"), "서울특별시 서대문구 연희로 " + suffix.length() + "길 3", "")),
                        List.of(new DeviceRegistry.DeviceRow(device, DeviceFamily.ACTIVITY_SUMMARY, household, Tokens.sha256(token)))))
                .then(enrolments.ready())
                .then(enrolments.save(List.of(new EnrolmentView(household, null, device, "연희동", thresholdDays, officer, null))))
                .block(Duration.ofSeconds(20));
        return new Person(household, device, token, lat, lon);
    }

    static String summary(String deviceId, Instant occurredAt, Instant lastActivityAt) {
        return summary(UUID.randomUUID(), deviceId, occurredAt, lastActivityAt);
    }

    static String summary(UUID eventId, String deviceId, Instant occurredAt, Instant lastActivityAt) {
        return """
                {"eventId":"%s","deviceId":"%s","occurredAt":"%s","lastActivityAt":"%s","calls":0}"""
                .formatted(eventId, deviceId, occurredAt, lastActivityAt);
    }

    static Ack send(RSocketRequester sender, String json) {
        return sender.route(Routes.ACTIVITY_SUMMARY).data(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(15));
    }

    /** The first incident on the caller's welfare feed (snapshot or change) that matches. */
    static IncidentView awaitWelfare(RSocketRequester user, Predicate<IncidentView> wanted) {
        return user.route(WelfareRoutes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(wanted).blockFirst(Duration.ofSeconds(20));
    }

    /** Everything on the caller's welfare feed for a moment. */
    static List<IncidentView> welfareFeed(RSocketRequester user, Duration during) {
        return user.route(WelfareRoutes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .take(during).collectList().block(during.plusSeconds(10));
    }
}
