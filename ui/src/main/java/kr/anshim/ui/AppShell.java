package kr.anshim.ui;

import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/** Server push for live updates; Lumo's dark variant, because control rooms are dim. */
@Push
@Theme(themeClass = Lumo.class, variant = Lumo.DARK)
@Meta(name = "color-scheme", content = "dark")
@CssImport("./styles/anshim.css")
public class AppShell implements AppShellConfigurator {
}
