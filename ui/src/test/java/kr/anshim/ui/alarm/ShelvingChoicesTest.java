package kr.anshim.ui.alarm;

import kr.anshim.api.Procedure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShelvingChoicesTest {

    @Test
    void the_shelving_times_offered_end_at_the_backends_maximum() {
        assertThat(ShelveDialog.choices(Duration.ofHours(8))).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8));
        assertThat(ShelveDialog.choices(Duration.ofMinutes(90))).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofMinutes(90));
        assertThat(ShelveDialog.choices(Duration.ofMinutes(5))).containsExactly(Duration.ofMinutes(5));
    }

    @Test
    void a_procedures_steps_are_edited_one_a_line_and_read_back_as_they_were() {
        List<Procedure.Step> steps = ProcedureEditor.steps("""
                call-112 | 112 신고 (인계 자료 포함) | Call 112 with the hand-off packet

                no-phone|거주자에게 소리 내어 전화하지 않기|Do not phone the resident aloud
                """);
        assertThat(steps).containsExactly(
                new Procedure.Step("call-112", "112 신고 (인계 자료 포함)", "Call 112 with the hand-off packet"),
                new Procedure.Step("no-phone", "거주자에게 소리 내어 전화하지 않기", "Do not phone the resident aloud"));
        assertThat(ProcedureEditor.steps(ProcedureEditor.lines(steps))).isEqualTo(steps);
        assertThat(ProcedureEditor.steps("only-an-id")).containsExactly(new Procedure.Step("only-an-id", "", ""));
    }
}
