package kr.anshim.ui.layout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A screen the signed-in user may not open, or that does not exist: said in their language (Vaadin's
 * default page is English and shows the raw route), with the way back. Vaadin's navigation access
 * control reports a denied view as not found to a signed-in user, so as not to tell which screens
 * exist; this page does the same and names neither. The error view itself must be open to everyone,
 * or the access control denies it too.
 */
@AnonymousAllowed
public class AccessDeniedView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        fill(this);
        return HttpServletResponse.SC_NOT_FOUND;
    }

    static void fill(VerticalLayout page) {
        page.removeAll();
        page.setId("access-denied");
        page.add(new H2(page.getTranslation("denied.title")), new Paragraph(page.getTranslation("denied.message")),
                new Anchor("", page.getTranslation("denied.back")));
    }

    /** The same page where Vaadin raises AccessDeniedException itself (Vaadin's own page is English). */
    @AnonymousAllowed
    public static class Forbidden extends VerticalLayout implements HasErrorParameter<com.vaadin.flow.router.AccessDeniedException> {

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<com.vaadin.flow.router.AccessDeniedException> parameter) {
            fill(this);
            return HttpServletResponse.SC_FORBIDDEN;
        }
    }
}
