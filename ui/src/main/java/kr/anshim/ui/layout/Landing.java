package kr.anshim.ui.layout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * The address a user lands on after sign-in: forwarded to the first screen their role may open,
 * as the screens' own {@code @Menu} and {@code @RolesAllowed} say ({@link Screens}); nothing here
 * names a role or a view.
 */
@Route("")
@PermitAll
public class Landing extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Screens.home().ifPresentOrElse(path -> event.forwardTo(path), () -> event.rerouteToError(NotFoundException.class));
    }
}
