package kr.anshim.ui.admin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.value.ValueChangeMode;
import kr.anshim.api.Routes;
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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.api.DeviceSummary;
import kr.anshim.api.UserAccount;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import kr.anshim.ui.layout.MainLayout;

import java.util.List;

/**
 * The admin's screen: screen users (create, change role and wards, reset a password, deactivate)
 * and devices (find a ward's devices, revoke one). Admins see no incidents (least privilege); the
 * backend enforces all of it.
 */
@Route(value = "admin", layout = MainLayout.class)
@Menu(order = 4, title = "nav.admin")
@RolesAllowed("ADMIN")
public class AdminView extends VerticalLayout implements com.vaadin.flow.router.HasDynamicTitle {

    private final ScreenData data;
    private final AnshimUser admin;
    private final Grid<UserAccount> users = new Grid<>();
    private final TextField username = new TextField(getTranslation("admin.username"));
    private final TextField displayName = new TextField(getTranslation("admin.name"));
    private final PasswordField password = new PasswordField(getTranslation("admin.new_password"));
    private final ComboBox<String> role = new ComboBox<>(getTranslation("admin.role"), List.of("OPERATOR", "POLICE_LIAISON", "SUPERVISOR", "ADMIN", "OFFICER"));
    private final MultiSelectComboBox<Ward> wards = new MultiSelectComboBox<>(getTranslation("admin.wards"));
    private final Checkbox active = new Checkbox(getTranslation("admin.active"), true);
    private final ComboBox<Ward> deviceWard = new ComboBox<>(getTranslation("admin.ward"));
    private final Grid<DeviceSummary> devices = new Grid<>();
    private final TextField deviceSearch = new TextField();
    private final Span devicePage = new Span();
    private final Button previousPage = new Button("‹");
    private final Button nextPage = new Button("›");
    private final Button newUser = new Button();
    private List<UserAccount> known = List.of();
    private List<DeviceSummary> wardDevices = List.of();
    private int page;
    /** The user being edited, or null while a new one is being entered. */
    private UserAccount editing;

    /** Devices shown per page. */
    static final int PAGE = 25;

    public AdminView(ScreenData data, kr.anshim.ui.welfare.WelfareScreenData welfare) {
        this.data = data;
        this.admin = CurrentUser.require();
        users.setId("admin-users");
        users.addThemeVariants(GridVariant.LUMO_COMPACT);
        users.addColumn(UserAccount::username).setHeader(getTranslation("admin.username")).setAutoWidth(true);
        users.addColumn(UserAccount::displayName).setHeader(getTranslation("admin.name")).setAutoWidth(true);
        users.addColumn(u -> getTranslation("role." + u.role())).setHeader(getTranslation("admin.role")).setAutoWidth(true);
        users.addColumn(u -> String.join(", ", u.wards().stream().map(IncidentTexts::ward).toList())).setHeader(getTranslation("admin.wards"));
        users.addColumn(u -> u.active() ? "✓" : "—").setHeader(getTranslation("admin.active"));
        users.setAllRowsVisible(true);
        users.asSingleSelect().addValueChangeListener(change -> edit(change.getValue()));
        newUser.setText(getTranslation("admin.user.new"));
        newUser.setId("admin-new-user");
        newUser.addClickListener(click -> startNew());
        role.setItemLabelGenerator(r -> getTranslation("role." + r));
        wards.setItems(Wards.seoul().all());
        wards.setItemLabelGenerator(w -> IncidentTexts.ward(w.code()));
        username.setId("admin-username");
        Button save = new Button(getTranslation("admin.save"), click -> save());
        save.setId("admin-save-user");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button unlock = new Button(AccessPanels.t(this, "access.unlock"), click -> unlock());
        unlock.setId("admin-unlock-user");
        HorizontalLayout form = new HorizontalLayout(newUser, username, displayName, password, role, wards, active, save, unlock);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        deviceWard.setItems(Wards.seoul().all());
        deviceWard.setItemLabelGenerator(w -> IncidentTexts.ward(w.code()));
        deviceWard.addValueChangeListener(change -> loadDevices());
        devices.setId("admin-devices");
        devices.addThemeVariants(GridVariant.LUMO_COMPACT);
        devices.addColumn(DeviceSummary::id).setHeader(getTranslation("admin.device")).setAutoWidth(true);
        devices.addColumn(d -> getTranslation("family." + d.family())).setHeader(getTranslation("admin.family"));
        devices.addColumn(DeviceSummary::householdId).setHeader(getTranslation("admin.household"));
        devices.addColumn(d -> d.revoked() ? getTranslation("admin.revoked") : getTranslation("admin.active_2")).setHeader(getTranslation("admin.state"));
        devices.addComponentColumn(d -> {
            Button revoke = new Button(getTranslation("admin.revoke"), click -> confirmRevoke(d));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            revoke.setEnabled(!d.revoked());
            revoke.setId("revoke-" + d.id());
            return revoke;
        });
        devices.setAllRowsVisible(true);
        deviceSearch.setId("admin-device-search");
        deviceSearch.setPlaceholder(getTranslation("admin.devices.search"));
        deviceSearch.setClearButtonVisible(true);
        deviceSearch.setValueChangeMode(ValueChangeMode.LAZY);
        deviceSearch.addValueChangeListener(change -> showPage(0));
        previousPage.setId("admin-devices-previous");
        previousPage.addClickListener(click -> showPage(page - 1));
        nextPage.setId("admin-devices-next");
        nextPage.addClickListener(click -> showPage(page + 1));
        devicePage.setId("admin-devices-page");
        HorizontalLayout deviceBar = new HorizontalLayout(deviceWard, deviceSearch, previousPage, devicePage, nextPage);
        deviceBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H2(getTranslation("admin.admin")),
                new Paragraph(getTranslation("admin.least_privilege")),
                new H3(getTranslation("admin.users")), users, form, AccessPanels.sessions(this, data, admin),
                AccessPanels.grants(this, data, admin), AccessPanels.audit(this, data, admin),
                new H3(getTranslation("admin.devices")), deviceBar, devices, new kr.anshim.ui.welfare.EnrolmentPanel(welfare, admin));
        startNew();
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

    /** An empty form for a new user: saving creates one, and a taken username is refused, not overwritten. */
    void startNew() {
        editing = null;
        users.asSingleSelect().clear();
        username.setReadOnly(false);
        username.clear();
        displayName.clear();
        password.clear();
        role.clear();
        wards.clear();
        active.setValue(true);
        username.setHelperText(getTranslation("admin.user.creating"));
    }

    private void edit(UserAccount account) {
        if (account == null) {
            return;
        }
        editing = account;
        username.setReadOnly(true); // the username names the account being changed
        username.setHelperText(getTranslation("admin.user.editing"));
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
        if (editing == null && known.stream().anyMatch(u -> u.username().equals(account.username()))) {
            refuseExisting(account.username()); // the backend would refuse it too (USER_EXISTS)
            return;
        }
        (editing == null ? data.createUser(admin, account) : data.updateUser(admin, account)).subscribe(saved -> ui.access(() -> {
            password.clear();
            Notification.show(getTranslation("admin.saved", saved.username()));
            boolean privileged = account.role().equals("SUPERVISOR") || account.role().equals("ADMIN");
            boolean alreadyHeld = known.stream().anyMatch(u -> u.username().equals(account.username()) && u.role().equals(account.role()));
            if (privileged && !alreadyHeld) {
                Notification.show(AccessPanels.t(this, "access.grant.pending"), 6000, Notification.Position.TOP_CENTER);
            }
            loadUsers();
        }), error -> ui.access(() -> {
            if (error.getMessage() != null && error.getMessage().startsWith(Routes.USER_EXISTS)) {
                refuseExisting(account.username());
            } else if (error.getMessage() != null && error.getMessage().startsWith(Routes.NO_SUCH_USER)) {
                refused(getTranslation("admin.user.gone", account.username()));
            } else {
                failed(error);
            }
        }));
    }

    /** Says the name is taken, and offers to edit that user instead; never overwrites it. */
    private void refuseExisting(String name) {
        refused(getTranslation("admin.user.exists", name));
        known.stream().filter(u -> u.username().equals(name)).findFirst().ifPresent(users::select);
    }

    private void refused(String text) {
        Notification notice = Notification.show(text, 6000, Notification.Position.TOP_CENTER);
        notice.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notice.setId("admin-refusal");
        lastRefusal = text;
    }

    /** The last refusal shown, for tests. */
    String lastRefusal;

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
        data.devices(admin, deviceWard.getValue().code()).subscribe(list -> ui.access(() -> {
            wardDevices = list;
            showPage(page);
        }), error -> ui.access(() -> failed(error)));
    }

    /** The devices matching the search (id, household or family), one page of {@value #PAGE}. */
    void showPage(int wanted) {
        List<DeviceSummary> matching = matching(wardDevices, deviceSearch.getValue(), d -> getTranslation("family." + d.family()));
        int pages = Math.max(1, (matching.size() + PAGE - 1) / PAGE);
        page = Math.max(0, Math.min(wanted, pages - 1));
        devices.setItems(matching.subList(page * PAGE, Math.min(matching.size(), (page + 1) * PAGE)));
        devicePage.setText(getTranslation("admin.devices.page", page + 1, pages, matching.size()));
        previousPage.setEnabled(page > 0);
        nextPage.setEnabled(page < pages - 1);
    }

    static List<DeviceSummary> matching(List<DeviceSummary> all, String search, java.util.function.Function<DeviceSummary, String> family) {
        String needle = search == null ? "" : search.strip().toLowerCase(java.util.Locale.ROOT);
        if (needle.isEmpty()) {
            return all;
        }
        return all.stream().filter(d -> d.id().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || (d.householdId() != null && d.householdId().toLowerCase(java.util.Locale.ROOT).contains(needle))
                || family.apply(d).toLowerCase(java.util.Locale.ROOT).contains(needle)).toList();
    }

    /** Revoking is final for the device: a dialog names it and asks first. */
    void confirmRevoke(DeviceSummary device) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("admin-revoke-confirm");
        dialog.setHeader(getTranslation("admin.revoke.title", device.id()));
        dialog.setText(getTranslation("admin.revoke.text", device.id(), getTranslation("family." + device.family()),
                device.householdId() == null ? "—" : device.householdId()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("admin.revoke.cancel"));
        dialog.setConfirmText(getTranslation("admin.revoke.confirm"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(confirm -> revoke(device));
        dialog.open();
    }

    private void revoke(DeviceSummary device) {
        UI ui = UI.getCurrent();
        data.revoke(admin, device.id()).subscribe(revoked -> ui.access(() -> {
            Notification.show(getTranslation("admin.revoked.done", revoked.id()));
            loadDevices();
        }), error -> ui.access(() -> failed(error)));
    }

    private void failed(Throwable error) {
        AccessPanels.failed(this, error);
    }

    /** The browser tab's title, in the user's language. */
    @Override
    public String getPageTitle() {
        return getTranslation("title.admin");
    }
}
