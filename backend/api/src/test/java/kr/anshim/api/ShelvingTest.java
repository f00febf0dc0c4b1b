package kr.anshim.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShelvingTest {

    @Test
    void a_protected_persons_bell_or_lock_is_never_shelved_a_protected_persons_door_camera_may_be() {
        assertThat(Shelving.never(Severity.LOW, true, Set.of(DeviceFamily.EMERGENCY_BELL))).contains(Shelving.PROTECTED);
        assertThat(Shelving.never(Severity.MEDIUM, true, List.of(DeviceFamily.DOOR_CAMERA, DeviceFamily.DOOR_LOCK)))
                .contains(Shelving.PROTECTED);
        assertThat(Shelving.never(Severity.MEDIUM, true, Set.of(DeviceFamily.DOOR_CAMERA))).isEmpty();
        assertThat(Shelving.never(Severity.MEDIUM, false, Set.of(DeviceFamily.EMERGENCY_BELL))).isEmpty();
    }

    @Test
    void a_critical_incident_is_never_shelved_and_a_device_has_no_severity() {
        assertThat(Shelving.never(Severity.CRITICAL, false, Set.of(DeviceFamily.DOOR_CAMERA))).contains(Shelving.CRITICAL);
        assertThat(Shelving.never(Severity.HIGH, false, Set.of(DeviceFamily.DOOR_CAMERA))).isEmpty();
        assertThat(Shelving.never(null, false, Set.of(DeviceFamily.DOOR_CAMERA))).isEmpty();
    }
}
