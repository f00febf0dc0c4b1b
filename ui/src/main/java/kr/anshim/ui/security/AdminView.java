package kr.anshim.ui.security;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.DeviceSummary;
import kr.anshim.api.UserAccount;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.layout.MainLayout;

import java.util.List;

/**
 * The admin's screen: screen users (create, change role and wards, reset a password, deactivate)
 * and devices (find a ward's devices, revoke one). Admins see no incidents (least privilege); the
 * backend enforces all of it.
 */
@Route(value = "admin", layout = MainLayout.class)
@PageTitle("관리 · 안심 통합관제")
@RolesAllowed("ADMIN")
public class AdminView extends VerticalLayout {

    private final ScreenData data;
    private final AnshimUser admin;
    private final Grid<UserAccount> users = new Grid<>();
    private final TextField username = new TextField("아이디 · Username");
    private final TextField displayName = new TextField("이름 · Name");
    private final PasswordField password = new PasswordField("새 비밀번호 · New password");
    private final ComboBox<String> role = new ComboBox<>("역할 · Role", List.of("OPERATOR", "POLICE_LIAISON", "SUPERVISOR", "ADMIN", "OFFICER"));
    private final MultiSelectComboBox<Ward> wards = new MultiSelectComboBox<>("자치구 · Wards");
    private final Checkbox active = new Checkbox("사용 · Active", true);
    private final ComboBox<Ward> deviceWard = new ComboBox<>("자치구 · Ward");
    private final Grid<DeviceSummary> devices = new Grid<>();
    private List<UserAccount> known = List.of();

    public AdminView(ScreenData data, kr.anshim.ui.welfare.WelfareScreenData welfare) {
        this.data = data;
        this.admin = CurrentUser.require();
        users.setId("admin-users");
        users.addThemeVariants(GridVariant.LUMO_COMPACT);
        users.addColumn(UserAccount::username).setHeader("아이디 · Username").setAutoWidth(true);
        users.addColumn(UserAccount::displayName).setHeader("이름 · Name").setAutoWidth(true);
        users.addColumn(u -> getTranslation("role." + u.role())).setHeader("역할 · Role").setAutoWidth(true);
        users.addColumn(u -> String.join(", ", u.wards().stream().map(IncidentTexts::ward).toList())).setHeader("자치구 · Wards");
        users.addColumn(u -> u.active() ? "✓" : "—").setHeader("사용 · Active");
        users.setAllRowsVisible(true);
        users.asSingleSelect().addValueChangeListener(change -> edit(change.getValue()));
        role.setItemLabelGenerator(r -> getTranslation("role." + r));
        wards.setItems(Wards.seoul().all());
        wards.setItemLabelGenerator(w -> w.nameKo() + " " + w.nameEn());
        username.setId("admin-username");
        Button save = new Button("저장 · Save", click -> save());
        save.setId("admin-save-user");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button unlock = new Button(AccessPanels.t(this, "access.unlock"), click -> unlock());
        unlock.setId("admin-unlock-user");
        HorizontalLayout form = new HorizontalLayout(username, displayName, password, role, wards, active, save, unlock);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        deviceWard.setItems(Wards.seoul().all());
        deviceWard.setItemLabelGenerator(w -> w.nameKo() + " " + w.nameEn());
        deviceWard.addValueChangeListener(change -> loadDevices());
        devices.setId("admin-devices");
        devices.addThemeVariants(GridVariant.LUMO_COMPACT);
        devices.addColumn(DeviceSummary::id).setHeader("기기 · Device").setAutoWidth(true);
        devices.addColumn(d -> getTranslation("family." + d.family())).setHeader("종류 · Family");
        devices.addColumn(DeviceSummary::householdId).setHeader("세대 · Household");
        devices.addColumn(d -> d.revoked() ? "해지됨 · revoked" : "사용 중 · active").setHeader("상태 · State");
        devices.addComponentColumn(d -> {
            Button revoke = new Button("해지 · Revoke", click -> revoke(d));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            revoke.setEnabled(!d.revoked());
            return revoke;
        });
        devices.setAllRowsVisible(true);
        add(new H2("관리 · Admin"),
                new Paragraph("관리자는 사건 정보를 볼 수 없습니다 (최소 권한). · Admins do not see incidents (least privilege). "
                        + "세대·기기 일괄 등록은 CSV 가져오기 (ANSHIM_REGISTRY_IMPORT_DIR). · Bulk registration: CSV import."),
                new H3("사용자 · Users"), users, form, AccessPanels.sessions(this, data, admin),
                AccessPanels.grants(this, data, admin), AccessPanels.audit(this, data, admin),
                new H3("기기 · Devices"), deviceWard, devices, new kr.anshim.ui.welfare.EnrolmentPanel(welfare, admin));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        loadUsers();
    }

    private void loadUsers() {
        UI ui = UI.getCurrent();
        data.users(admin).subscribe(list -> ui.access(() -> {
            known = list;
            users.setItems(list);
        }), error -> ui.access(() -> failed(error)));
    }

    private void edit(UserAccount account) {
        if (account == null) {
            return;
        }
        username.setValue(account.username());
        displayName.setValue(account.displayName());
        role.setValue(account.role());
        wards.setValue(account.wards().stream().map(code -> Wards.seoul().byCode(code).orElseThrow()).toList());
        active.setValue(account.active());
        password.clear();
    }

    private void save() {
        UI ui = UI.getCurrent();
        UserAccount account = new UserAccount(username.getValue().strip(), displayName.getValue().strip(), role.getValue(),
                wards.getValue().stream().map(Ward::code).sorted().toList(), active.getValue(),
                password.isEmpty() ? null : password.getValue());
        data.saveUser(admin, account).subscribe(saved -> ui.access(() -> {
            password.clear();
            Notification.show("저장됨 · saved: " + saved.username());
            boolean privileged = account.role().equals("SUPERVISOR") || account.role().equals("ADMIN");
            boolean alreadyHeld = known.stream().anyMatch(u -> u.username().equals(account.username()) && u.role().equals(account.role()));
            if (privileged && !alreadyHeld) {
                Notification.show(AccessPanels.t(this, "access.grant.pending"), 6000, Notification.Position.TOP_CENTER);
            }
            loadUsers();
        }), error -> ui.access(() -> failed(error)));
    }

    private void unlock() {
        if (username.isEmpty()) {
            return;
        }
        UI ui = UI.getCurrent();
        String name = username.getValue().strip();
        data.unlock(admin, name).subscribe(null, error -> ui.access(() -> failed(error)),
                () -> ui.access(() -> Notification.show(AccessPanels.t(this, "access.unlocked") + ": " + name)));
    }

    private void loadDevices() {
        if (deviceWard.getValue() == null) {
            return;
        }
        UI ui = UI.getCurrent();
        data.devices(admin, deviceWard.getValue().code())
                .subscribe(list -> ui.access(() -> devices.setItems(list)), error -> ui.access(() -> failed(error)));
    }

    private void revoke(DeviceSummary device) {
        UI ui = UI.getCurrent();
        data.revoke(admin, device.id()).subscribe(revoked -> ui.access(() -> {
            Notification.show("해지됨 · revoked: " + revoked.id());
            loadDevices();
        }), error -> ui.access(() -> failed(error)));
    }

    private void failed(Throwable error) {
        Notification.show("오류 · " + error.getMessage(), 5000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
