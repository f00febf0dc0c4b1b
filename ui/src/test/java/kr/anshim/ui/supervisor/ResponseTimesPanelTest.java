package kr.anshim.ui.supervisor;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import kr.anshim.api.ResponseTimeQuery;
import kr.anshim.api.ResponseTimeRow;
import kr.anshim.api.Severity;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.ui.backend.FakeScreenData;
import kr.anshim.ui.i18n.TranslationProvider;
import kr.anshim.ui.security.AnshimUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor's figures: every selector applies at once, the filters reach the backend's query, CSV in KST with ward names. */
class ResponseTimesPanelTest {

    private final FakeScreenData data = new FakeScreenData();
    private ResponseTimesPanel panel;

    @BeforeEach
    void setUp() {
        System.setProperty("vaadin.i18n.provider", TranslationProvider.class.getName());
        MockVaadin.setup();
        UI.getCurrent().setLocale(TranslationProvider.KOREAN);
        panel = new ResponseTimesPanel(data, new AnshimUser("supervisor", "관제 책임자", "SUPERVISOR", List.of(), "token"));
        UI.getCurrent().add(panel);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    @SuppressWarnings("unchecked")
    void period_group_by_wards_and_severity_apply_at_once_without_a_refresh() {
        _get(ComboBox.class, spec -> spec.withId("response-times-period")).setValue("7d");
        ResponseTimeQuery week = last();
        assertThat(Duration.between(week.from(), week.to())).isEqualTo(Duration.ofDays(7));

        _get(ComboBox.class, spec -> spec.withId("response-times-dimension")).setValue("severity");
        assertThat(last().dimension()).isEqualTo("severity");

        Ward mapo = Wards.seoul().byCode("11440").orElseThrow();
        _get(MultiSelectComboBox.class, spec -> spec.withId("response-times-wards")).setValue(Set.of(mapo));
        assertThat(last().wards()).containsExactly("11440");
        _get(MultiSelectComboBox.class, spec -> spec.withId("response-times-severities")).setValue(Set.of(Severity.CRITICAL));
        assertThat(last().severities()).containsExactly(Severity.CRITICAL);
        assertThat(data.workloads.get(data.workloads.size() - 1).severities()).containsExactly(Severity.CRITICAL);
        assertThat(data.summaries).hasSize(4); // one query per change, none waited for 새로고침
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_custom_range_is_whole_days_in_seoul() {
        _get(ComboBox.class, spec -> spec.withId("response-times-period")).setValue(ResponseTimesPanel.CUSTOM);
        _get(DatePicker.class, spec -> spec.withId("response-times-from")).setValue(LocalDate.of(2026, 11, 1));
        _get(DatePicker.class, spec -> spec.withId("response-times-to")).setValue(LocalDate.of(2026, 11, 30));
        assertThat(last().from()).isEqualTo(Instant.parse("2026-10-31T15:00:00Z"));
        assertThat(last().to()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    }

    @Test
    void the_csv_names_each_ward_in_korean_and_english_and_gives_times_in_kst() {
        ResponseTimeRow row = new ResponseTimeRow(UUID.fromString("00000000-0000-0000-0000-000000000007"), "11440",
                "DOOR_CAMERA", "HIGH", "NIGHT", "op.mapo", "SECURITY_GUARD", Instant.parse("2026-11-30T15:30:00Z"),
                12.5, null, null, null, null, null, null);
        String csv = ResponseTimesPanel.csv(List.of(row));
        assertThat(csv.lines().toList().get(0)).contains("ward_code,ward_ko,ward_en").contains("opened_at_kst");
        assertThat(csv.lines().toList().get(1)).contains("11440,마포구,Mapo-gu").contains("2026-12-01T00:30:00+09:00")
                .doesNotContain("15:30:00Z");
    }

    private ResponseTimeQuery last() {
        return data.summaries.get(data.summaries.size() - 1);
    }
}
