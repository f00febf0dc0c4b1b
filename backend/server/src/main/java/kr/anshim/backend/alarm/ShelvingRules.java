package kr.anshim.backend.alarm;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.Shelving;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.incident.Incident;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Role;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What may be shelved, and by whom. A protected person's emergency bell or door lock, and any
 * incident at CRITICAL, are never shelved: they are the alarms the control room exists for.
 * Each refusal is an {@link AlarmRefusal} with a code the screens translate.
 */
final class ShelvingRules {

    static final int LONGEST_REASON = 500;

    private ShelvingRules() {
    }

    /** The checked duration, or a refusal. */
    static Duration request(Caller caller, ShelveRequest request, Duration max) {
        mayShelve(caller);
        if (request == null || request.target() == null || request.targetId() == null || request.targetId().isBlank()) {
            throw new AlarmRefusal("alarm.refused.target-required", "say what to shelve: an incident or a device, and its id");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new AlarmRefusal("alarm.refused.reason-required", "a reason is required to shelve");
        }
        if (request.reason().length() > LONGEST_REASON) {
            throw new AlarmRefusal("alarm.refused.reason-too-long", "a reason may have at most " + LONGEST_REASON + " characters");
        }
        Duration wanted = request.forSeconds() == null ? max : Duration.ofSeconds(request.forSeconds());
        if (wanted.isNegative() || wanted.isZero()) {
            throw new AlarmRefusal("alarm.refused.duration", "a shelving time must be positive");
        }
        if (wanted.compareTo(max) > 0) {
            throw new AlarmRefusal("alarm.refused.too-long", "an item may be shelved for at most " + max);
        }
        return wanted;
    }

    static void mayShelve(Caller caller) {
        if (caller.role() != Role.OPERATOR && caller.role() != Role.SUPERVISOR) {
            throw new AlarmRefusal("alarm.refused.role", "only operators and supervisors shelve");
        }
    }

    static void incident(Caller caller, Incident incident, Collection<Optional<RegisteredDevice>> devices) {
        if (!caller.sees(incident.wardCode())) {
            throw new AlarmRefusal("alarm.refused.not-found", "no open incident " + incident.id() + " in your wards");
        }
        List<DeviceFamily> families = Stream.concat(Stream.ofNullable(incident.family()),
                devices.stream().flatMap(Optional::stream).map(RegisteredDevice::family)).toList();
        Shelving.never(incident.ranking().severity(), incident.protectedPerson(), families).ifPresent(ShelvingRules::refuse);
    }

    static void device(Caller caller, RegisteredDevice device) {
        if (!caller.sees(device.wardCode())) {
            throw new AlarmRefusal("alarm.refused.not-found", "no device " + device.id() + " in your wards");
        }
        Shelving.never(null, device.protectedPerson(), List.of(device.family())).ifPresent(ShelvingRules::refuse);
    }

    private static void refuse(String code) {
        throw new AlarmRefusal(code, Shelving.CRITICAL.equals(code) ? "a CRITICAL incident is never shelved"
                : "a protected person's bell or lock is never shelved");
    }
}
