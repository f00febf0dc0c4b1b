package kr.anshim.ui.layout;

import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which screens the signed-in user may open, in menu order. The one mapping of roles to screens is
 * each view's own {@code @RolesAllowed} (what Vaadin's navigation access control enforces) and
 * {@code @Menu} (its place and label key); Vaadin's {@link MenuConfiguration} lists only the views the
 * current user may open, so the header, the landing page and the access checks read the same table
 * and this package imports no view.
 */
public final class Screens {

    private Screens() {
    }

    /** The current user's screens, in menu order. */
    public static List<MenuEntry> mine() {
        return MenuConfiguration.getMenuEntries().stream()
                .sorted(Comparator.comparing((MenuEntry e) -> e.order() == null ? Double.MAX_VALUE : e.order()))
                .toList();
    }

    /** Where the current user lands: their first screen, if they have one. */
    public static Optional<String> home() {
        return mine().stream().findFirst().map(MenuEntry::path);
    }
}
