package kr.anshim.ui.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.login.LoginOverlay;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import kr.anshim.ui.map.WardMap;

/** Sign-in, Korean first. The accounts live in the backend. */
@Route("login")
@PageTitle("로그인 · 안심 통합관제")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginOverlay login = new LoginOverlay();

    public LoginView() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.setHeader(new LoginI18n.Header());
        i18n.getHeader().setTitle(getTranslation("login.title") + " · Anshim");
        i18n.getHeader().setDescription(getTranslation("login.description"));
        i18n.getForm().setTitle(getTranslation("login.submit"));
        i18n.getForm().setUsername(getTranslation("login.username") + " · Username");
        i18n.getForm().setPassword(getTranslation("login.password") + " · Password");
        i18n.getForm().setSubmit(getTranslation("login.submit") + " · Sign in");
        i18n.getForm().setForgotPassword(null);
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message") + " · Check your username and password.");
        i18n.setAdditionalInformation(WardMap.ATTRIBUTION);
        login.setI18n(i18n);
        login.setForgotPasswordButtonVisible(false);
        login.setAction("login");
        login.setOpened(true);
        add(new Div(), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
