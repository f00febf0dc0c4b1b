package kr.anshim.ui.console;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import kr.anshim.api.DispatchView;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.api.ResponderBoard;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.UnitStatus;
import kr.anshim.ui.i18n.TranslationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browserless (Karibu-Testing): the dispatch dialog sends nothing until the basis is chosen, shows
 * the fee that follows from it, and carries it in the command; the panel's line for an assigned
 * unit shows its live status, ETA, position time in KST (stale flagged), basis and fee.
 */
class DispatchDialogTest {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    final IncidentView sos = QueueShapeTest.incident("H-1", 37.56, 126.9, "EMERGENCY", "CRITICAL", 95, "ACKNOWLEDGED", 0);
    final ResponderRecommendation guard = new ResponderRecommendation("SG-11440-01", "SECURITY_GUARD", "마포 출동 1팀", 820, 154);

    @BeforeEach
    void vaadin() {
        System.setProperty("vaadin.i18n.provider", TranslationProvider.class.getName());
        MockVaadin.setup();
        UI.getCurrent().setLocale(Locale.KOREAN);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        System.clearProperty("vaadin.i18n.provider");
    }

    @Test
    void nothing_is_sent_until_the_basis_is_chosen_and_the_fee_follows_the_choice() {
        List<IncidentCommand> sent = new ArrayList<>();
        DispatchDialog dialog = new DispatchDialog(sos, guard, "op.mapo", sent::add);
        dialog.open();

        assertThat(dialog.confirm().isEnabled()).isFalse();
        assertThat(dialog.basis().getValue()).as("no basis is guessed").isNull();
        assertThat(dialog.fee().getText()).isEqualTo("출동 근거를 선택하세요");
        assertThat(dialog.basis().getItemLabelGenerator().apply(DispatchBasis.RESIDENT_REQUEST)).isEqualTo("거주자 요청 (유료 25,000원)");
        assertThat(dialog.basis().getItemLabelGenerator().apply(DispatchBasis.CRIME_RISK_CONFIRMED))
                .isEqualTo("거주자 요청 · 범죄 위험 확인 (무료)");

        dialog.basis().setValue(DispatchBasis.RESIDENT_REQUEST);
        assertThat(dialog.fee().getText()).isEqualTo("거주자 부담 25,000원");
        dialog.basis().setValue(DispatchBasis.CRIME_RISK_CONFIRMED);
        assertThat(dialog.fee().getText()).isEqualTo("무료");
        assertThat(sent).isEmpty();

        dialog.confirm().click();
        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.action()).isEqualTo(IncidentCommand.Action.DISPATCH);
            assertThat(command.responderId()).isEqualTo("SG-11440-01");
            assertThat(command.residentRequested()).isTrue();
            assertThat(command.crimeRiskConfirmed()).isTrue();
        });
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    void an_assigned_unit_reads_with_its_live_status_eta_position_time_basis_and_fee() {
        Span context = new Span();
        UnitStatus enRoute = new UnitStatus("SG-11440-01", "SECURITY_GUARD", "마포 출동 1팀", "마포 초소", "11440", "EN_ROUTE",
                sos.id(), 154L, T0, false);
        DispatchView dispatch = new DispatchView("SG-11440-01", T0, "op.mapo", true, false, 25_000);

        List<String> lines = AssignedUnits.lines(context, sos.id(), List.of(dispatch), new ResponderBoard(T0, 60, List.of(enRoute)));
        assertThat(lines).containsExactly("출동대원 마포 출동 1팀 · 이동 중 · 도착 예상 2분 34초 · 위치 21:00:00 · 거주자 요청 · 거주자 부담 25,000원");

        UnitStatus stale = new UnitStatus("SG-11440-01", "SECURITY_GUARD", "마포 출동 1팀", "마포 초소", "11440", "ON_SCENE",
                sos.id(), 0L, T0.minusSeconds(300), true);
        assertThat(AssignedUnits.lines(context, sos.id(), List.of(dispatch), new ResponderBoard(T0, 60, List.of(stale))))
                .containsExactly("출동대원 마포 출동 1팀 · 현장 도착 · 위치 20:55:00 ⚠ 위치 지연 · 거주자 요청 · 거주자 부담 25,000원");
        assertThat(AssignedUnits.lines(context, sos.id(), List.of(), new ResponderBoard(T0, 60, List.of()))).isEmpty();
    }

    @Test
    void a_bulk_answer_says_how_many_were_acknowledged_and_why_the_others_were_refused() {
        Span context = new Span();
        List<kr.anshim.api.BulkAcknowledge.Answer> answers = List.of(
                new kr.anshim.api.BulkAcknowledge.Answer(sos.id(), kr.anshim.api.CommandResult.ok(sos)),
                new kr.anshim.api.BulkAcknowledge.Answer(sos.id(), kr.anshim.api.CommandResult.refused(
                        "a critical incident is acknowledged in bulk only when selected itself", sos)));
        assertThat(BulkAnswers.summary(context, answers)).isEqualTo("확인 1건 · 거부 1건 · 긴급 사건은 하나씩 선택해 확인하세요");
    }
}
