package kr.anshim.ui.admin;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import kr.anshim.api.DeviceSummary;
import kr.anshim.api.UserAccount;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.ui.backend.FakeScreenData;
import kr.anshim.ui.i18n.TranslationProvider;
import kr.anshim.ui.security.AnshimUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin's screen without a browser or a backend: no silent overwrite, a confirmed revoke, a searchable paged device list. */
class AdminViewTest {

    private final FakeScreenData data = new FakeScreenData();
    private AdminView view;

    @BeforeEach
    void setUp() {
        System.setProperty("vaadin.i18n.provider", TranslationProvider.class.getName());
        MockVaadin.setup();
        UI.getCurrent().setLocale(TranslationProvider.KOREAN);
        AnshimUser admin = new AnshimUser("admin", "관리자", "ADMIN", List.of(), "token");
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(admin, null, List.of()));
        data.accounts = List.of(new UserAccount("op.mapo", "마포구 관제요원", "OPERATOR", List.of("11440"), true, null));
        data.wardDevices = IntStream.range(0, 60).mapToObj(i -> new DeviceSummary("DC-11440-%04d".formatted(i), "DOOR_CAMERA",
                "H-11440-%04d".formatted(i), "11440", false)).toList();
        // the welfare enrolment section only calls the backend once a ward is picked in it; not exercised here
        view = new AdminView(data, null);
        UI.getCurrent().add(view);
        MockVaadin.clientRoundtrip();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_new_user_with_a_taken_username_is_refused_not_saved_over_the_existing_one() {
        fill("op.mapo", "someone else");
        save();
        assertThat(data.userCalls).isEmpty();
        assertThat(view.lastRefusal).contains("op.mapo", "이미 있습니다", "덮어쓰지 않았습니다");

        // the control: a free username is created
        _get(Button.class, spec -> spec.withId("admin-new-user")).click();
        fill("op.nowon", "노원구 관제요원");
        save();
        assertThat(data.userCalls).containsExactly("create op.nowon");
    }

    @Test
    void a_backend_refusal_is_shown_translated_without_its_english_detail() {
        String refusal = AccessPanels.reason(view, new RuntimeException(
                kr.anshim.api.AdminRefusal.SELF_APPROVAL.message("you may not approve your own request")));
        assertThat(refusal).contains("승인할 수 없습니다").doesNotContain("approve");
        // a failure that is no refusal (a lost connection) is not shown raw either
        assertThat(AccessPanels.reason(view, new RuntimeException("Connection reset by peer")))
                .contains("요청을 처리하지 못했습니다").doesNotContain("Connection");
        // control: the same refusal in English
        UI.getCurrent().setLocale(java.util.Locale.ENGLISH);
        assertThat(AccessPanels.reason(view, new RuntimeException(kr.anshim.api.AdminRefusal.SELF_APPROVAL.message("x"))))
                .contains("another supervisor must");
    }

    @Test
    void an_existing_user_picked_from_the_list_is_updated_explicitly() {
        @SuppressWarnings("unchecked")
        Grid<UserAccount> users = _get(Grid.class, spec -> spec.withId("admin-users"));
        users.select(data.accounts.get(0));
        assertThat(_get(TextField.class, spec -> spec.withId("admin-username")).isReadOnly()).isTrue();
        save();
        assertThat(data.userCalls).containsExactly("update op.mapo");
    }

    @Test
    void a_revoke_asks_first_naming_the_device_and_only_a_confirmation_revokes() {
        showMapoDevices();
        view.confirmRevoke(data.wardDevices.get(3)); // what the row's revoke button does
        ConfirmDialog dialog = _get(ConfirmDialog.class, spec -> spec.withId("admin-revoke-confirm"));
        assertThat(dialog.getElement().getProperty("header")).contains("DC-11440-0003");
        assertThat(data.revoked).isEmpty();

        com.vaadin.flow.component.ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, true));
        MockVaadin.clientRoundtrip();
        assertThat(data.revoked).containsExactly("DC-11440-0003");
    }

    @Test
    void the_device_list_is_paged_and_searchable() {
        showMapoDevices();
        @SuppressWarnings("unchecked")
        Grid<DeviceSummary> devices = _get(Grid.class, spec -> spec.withId("admin-devices"));
        assertThat(devices.getGenericDataView().getItems().count()).isEqualTo(AdminView.PAGE);
        assertThat(_get(Span.class, spec -> spec.withId("admin-devices-page")).getText()).isEqualTo("1 / 3쪽 · 60대");
        _get(Button.class, spec -> spec.withId("admin-devices-next")).click();
        _get(Button.class, spec -> spec.withId("admin-devices-next")).click();
        assertThat(devices.getGenericDataView().getItems().count()).isEqualTo(10);
        assertThat(_get(Button.class, spec -> spec.withId("admin-devices-next")).isEnabled()).isFalse();

        _get(TextField.class, spec -> spec.withId("admin-device-search")).setValue("0042");
        assertThat(devices.getGenericDataView().getItems().map(DeviceSummary::id).toList()).containsExactly("DC-11440-0042");
        assertThat(_get(Span.class, spec -> spec.withId("admin-devices-page")).getText()).isEqualTo("1 / 1쪽 · 1대");
    }

    @SuppressWarnings("unchecked")
    private void showMapoDevices() {
        List<ComboBox> boxes = _find(ComboBox.class);
        ComboBox<Ward> ward = boxes.stream().filter(b -> b.getLabel() != null && b.getLabel().startsWith("자치구")).findFirst().orElseThrow();
        ward.setValue(Wards.seoul().byCode("11440").orElseThrow());
        MockVaadin.clientRoundtrip();
    }

    @SuppressWarnings("unchecked")
    private void fill(String username, String name) {
        _get(TextField.class, spec -> spec.withId("admin-username")).setValue(username);
        _find(TextField.class).stream().filter(f -> "이름".equals(f.getLabel())).findFirst().orElseThrow().setValue(name);
        _get(PasswordField.class).setValue("long-enough-secret");
        _find(ComboBox.class).stream().filter(b -> "역할".equals(b.getLabel())).findFirst().orElseThrow().setValue("OPERATOR");
        _get(MultiSelectComboBox.class).setValue(java.util.Set.of(Wards.seoul().byCode("11440").orElseThrow()));
    }

    private void save() {
        _get(Button.class, spec -> spec.withId("admin-save-user")).click();
        MockVaadin.clientRoundtrip();
    }
}
