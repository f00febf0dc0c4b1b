package kr.anshim.ui.layout;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import kr.anshim.ui.i18n.TranslationProvider;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;

import java.util.stream.Collectors;

/**
 * The frame of every screen: who is signed in, for which wards, the screens of their role (from
 * {@link Screens}: the views' own {@code @Menu} and {@code @RolesAllowed}), language, sign-out.
 */
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        AnshimUser user = CurrentUser.require();
        H1 title = new H1(getTranslation("app.title"));
        title.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("margin", "0 var(--lumo-space-m)");
        HorizontalLayout nav = new HorizontalLayout();
        nav.setId("screens");
        for (MenuEntry screen : Screens.mine()) {
            nav.add(link(screen));
        }
        Span who = new Span(user.displayName() + " · " + getTranslation("role." + user.role()) + " · " + wards(user));
        who.setId("signed-in-user");
        who.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button language = new Button(getTranslation("lang.switch"), click -> switchLanguage());
        language.setId("language-switch");
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button logout = new Button(getTranslation("nav.logout"), click -> authentication.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(title, nav, who, language, logout);
        header.addClassName("anshim-header");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.setPadding(true);
        addToNavbar(header);
    }

    /** A link to one of the user's screens; its label is the message key its {@code @Menu} names. */
    private RouterLink link(MenuEntry screen) {
        RouterLink link = new RouterLink(getTranslation(screen.title()), screen.menuClass());
        link.setId("nav-" + (screen.path().isEmpty() ? "home" : screen.path()));
        return link;
    }

    private String wards(AnshimUser user) {
        if (user.role().equals("SUPERVISOR")) {
            return getTranslation("layout.all_wards");
        }
        return user.wards().stream().map(kr.anshim.ui.IncidentTexts::ward).collect(Collectors.joining(", "));
    }

    private static void switchLanguage() {
        UI ui = UI.getCurrent();
        boolean english = TranslationProvider.ENGLISH.getLanguage().equals(ui.getLocale().getLanguage());
        ui.getSession().setLocale(english ? TranslationProvider.KOREAN : TranslationProvider.ENGLISH);
        ui.getPage().reload();
    }
}
