package kr.anshim.ui.admin;

import com.vaadin.flow.component.Component;
import kr.anshim.api.AdminRefusal;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import kr.anshim.api.AdminAuditEntry;
import kr.anshim.api.RoleGrant;
import kr.anshim.api.SessionView;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Instant;

/** Sessions (admin), pending role grants and the admin audit trail (supervisor and admin), Korean first. */
public final class AccessPanels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));

    private AccessPanels() {
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The admin's list of sign-in sessions, each of which it may end. */
    public static Component sessions(Component owner, ScreenData data, AnshimUser admin) {
        Grid<SessionView> grid = new Grid<>();
        grid.setId("admin-sessions");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(SessionView::username).setHeader(t(owner, "access.sessions.user")).setAutoWidth(true);
        grid.addColumn(s -> owner.getTranslation("role." + s.role())).setHeader(t(owner, "access.sessions.role"));
        grid.addColumn(s -> time(s.createdAt())).setHeader(t(owner, "access.sessions.created"));
        grid.addColumn(s -> time(s.expiresAt())).setHeader(t(owner, "access.sessions.expires"));
        grid.addColumn(SessionView::openConnections).setHeader(t(owner, "access.sessions.connections"));
        Runnable[] load = new Runnable[1];
        grid.addComponentColumn(s -> {
            Button end = new Button(t(owner, "access.sessions.end"), click -> {
                UI ui = UI.getCurrent();
                data.endSession(admin, s.id()).subscribe(null, error -> ui.access(() -> failed(owner, error)),
                        () -> ui.access(() -> {
                            Notification.show(t(owner, "access.sessions.ended") + ": " + s.username());
                            load[0].run();
                        }));
            });
            end.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return end;
        });
        load[0] = () -> {
            UI ui = UI.getCurrent();
            data.sessions(admin).subscribe(list -> ui.access(() -> grid.setItems(list)), error -> ui.access(() -> failed(owner, error)));
        };
        grid.addAttachListener(attach -> load[0].run());
        return new VerticalLayout(new H3(t(owner, "access.sessions")), grid);
    }

    /** Pending SUPERVISOR and ADMIN grants; a supervisor approves one it did not request and that is not for itself. */
    public static Component grants(Component owner, ScreenData data, AnshimUser user) {
        Grid<RoleGrant> grid = new Grid<>();
        grid.setId("role-grants");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(RoleGrant::username).setHeader(t(owner, "access.grants.user")).setAutoWidth(true);
        grid.addColumn(g -> owner.getTranslation("role." + g.role())).setHeader(t(owner, "access.grants.role"));
        grid.addColumn(RoleGrant::requestedBy).setHeader(t(owner, "access.grants.requestedBy"));
        grid.addColumn(g -> time(g.requestedAt())).setHeader(t(owner, "access.audit.at"));
        grid.addColumn(g -> owner.getTranslation("access.grants.state." + g.state()) + (g.decidedBy() == null ? "" : " · " + g.decidedBy()))
                .setHeader(t(owner, "access.grants.state"));
        Runnable[] load = new Runnable[1];
        grid.addComponentColumn(g -> {
            Button approve = new Button(t(owner, "access.grants.approve"), click -> {
                UI ui = UI.getCurrent();
                data.approve(user, g.id()).subscribe(done -> ui.access(() -> {
                    Notification.show(t(owner, "access.grants.approved") + ": " + done.username());
                    load[0].run();
                }), error -> ui.access(() -> failed(owner, error)));
            });
            approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            approve.setEnabled(g.state().equals("PENDING") && user.role().equals("SUPERVISOR")
                    && !g.requestedBy().equals(user.username()) && !g.username().equals(user.username()));
            return approve;
        });
        load[0] = () -> {
            UI ui = UI.getCurrent();
            data.grants(user).subscribe(list -> ui.access(() -> grid.setItems(list)), error -> ui.access(() -> failed(owner, error)));
        };
        grid.addAttachListener(attach -> load[0].run());
        return new VerticalLayout(new H3(t(owner, "access.grants")), grid);
    }

    /** The append-only admin audit trail, newest first. */
    public static Component audit(Component owner, ScreenData data, AnshimUser user) {
        Grid<AdminAuditEntry> grid = new Grid<>();
        grid.setId("admin-audit");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(e -> time(e.at())).setHeader(t(owner, "access.audit.at")).setAutoWidth(true);
        grid.addColumn(AdminAuditEntry::actor).setHeader(t(owner, "access.audit.actor"));
        grid.addColumn(AdminAuditEntry::action).setHeader(t(owner, "access.audit.action"));
        grid.addColumn(AdminAuditEntry::subject).setHeader(t(owner, "access.audit.subject"));
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader(t(owner, "access.audit.detail"));
        grid.addAttachListener(attach -> {
            UI ui = UI.getCurrent();
            data.adminAudit(user).subscribe(list -> ui.access(() -> grid.setItems(list)), error -> ui.access(() -> failed(owner, error)));
        });
        return new VerticalLayout(new H3(t(owner, "access.audit")), grid);
    }

    /** In the user's language (it was Korean and English side by side, whatever the language chosen). */
    static String t(Component owner, String key) {
        return owner.getTranslation(key);
    }

    /** A failed request, in the user's language; see {@link #reason}. */
    static void failed(Component owner, Throwable error) {
        Notification.show(reason(owner, error), 5000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /**
     * The backend's refusal code translated ({@link AdminRefusal}); the English detail after it is for
     * logs and tools, never shown. Anything else (a lost connection) gets a translated general line.
     */
    static String reason(Component owner, Throwable error) {
        return owner.getTranslation("admin.error", AdminRefusal.of(error.getMessage())
                .map(code -> owner.getTranslation("admin.refused." + code.name()))
                .orElseGet(() -> owner.getTranslation("admin.refused.other")));
    }
}
