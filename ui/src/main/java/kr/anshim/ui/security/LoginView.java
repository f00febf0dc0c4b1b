package kr.anshim.ui.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.login.LoginOverlay;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import kr.anshim.ui.map.WardMap;

/** Sign-in, Korean first. The accounts live in the backend. */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, com.vaadin.flow.router.HasDynamicTitle {

    private final LoginOverlay login = new LoginOverlay();
    private final BackendAuthentication authentication;

    public LoginView(BackendAuthentication authentication) {
        this.authentication = authentication;
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
        // signed in through a Vaadin request (Vaadin's CSRF token), not a form POST to /login
        login.addLoginListener(event -> signIn(event.getUsername(), event.getPassword()));
        login.setOpened(true);
        add(new Div(), login);
    }

    private void signIn(String username, String password) {
        HttpServletRequest request = VaadinServletRequest.getCurrent().getHttpServletRequest();
        HttpServletResponse response = VaadinServletResponse.getCurrent().getHttpServletResponse();
        Authentication signedIn;
        try {
            signedIn = authentication.authenticate(username, password, request.getRemoteAddr());
        } catch (AuthenticationException refused) {
            login.setError(true);
            login.setEnabled(true);
            return;
        }
        request.changeSessionId(); // no session fixation
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
        login.setOpened(false);
        UI.getCurrent().getPage().setLocation("/");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }

    /** The browser tab's title, in the user's language. */
    @Override
    public String getPageTitle() {
        return getTranslation("title.login");
    }
}
