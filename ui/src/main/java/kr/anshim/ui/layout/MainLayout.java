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
import com.vaadin.flow.spring.security.AuthenticationContext;
import kr.anshim.api.Wards;
import kr.anshim.ui.console.ConsoleView;
import kr.anshim.ui.i18n.TranslationProvider;
import kr.anshim.ui.police.PoliceView;
import kr.anshim.ui.security.AnshimUser;
import kr.anshim.ui.security.CurrentUser;
import kr.anshim.ui.supervisor.SupervisorView;

import java.util.stream.Collectors;

/** The frame of every screen: who is signed in, for which wards, the screens of their role, language, sign-out. */
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        AnshimUser user = CurrentUser.require();
        H1 title = new H1(getTranslation("app.title"));
        title.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("margin", "0 var(--lumo-space-m)");
        HorizontalLayout nav = new HorizontalLayout();
        if (user.role().equals("OPERATOR") || user.role().equals("SUPERVISOR")) {
            nav.add(new RouterLink(getTranslation("nav.console"), ConsoleView.class));
        }
        if (user.role().equals("POLICE_LIAISON") || user.role().equals("SUPERVISOR")) {
            nav.add(new RouterLink(getTranslation("nav.police"), PoliceView.class));
        }
        if (user.role().equals("SUPERVISOR")) {
            nav.add(new RouterLink(getTranslation("nav.supervisor"), SupervisorView.class));
        }
        if (user.role().equals("OFFICER") || user.role().equals("OPERATOR") || user.role().equals("SUPERVISOR")) {
            nav.add(new RouterLink(getTranslation("nav.welfare"), kr.anshim.ui.welfare.WelfareView.class));
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

    private String wards(AnshimUser user) {
        if (user.role().equals("SUPERVISOR")) {
            return "25개 자치구 · all wards";
        }
        return user.wards().stream().map(code -> Wards.seoul().byCode(code).map(w -> w.nameKo()).orElse(code))
                .collect(Collectors.joining(", "));
    }

    private static void switchLanguage() {
        UI ui = UI.getCurrent();
        boolean english = TranslationProvider.ENGLISH.getLanguage().equals(ui.getLocale().getLanguage());
        ui.getSession().setLocale(english ? TranslationProvider.KOREAN : TranslationProvider.ENGLISH);
        ui.getPage().reload();
    }
}
