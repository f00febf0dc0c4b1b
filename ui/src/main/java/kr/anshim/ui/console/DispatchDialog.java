package kr.anshim.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentView;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.ui.IncidentTexts;

import java.util.function.Consumer;

/**
 * Dispatch asks on what basis the unit is sent (the resident's request, 25,000 won; the resident's
 * request with a crime risk confirmed, free; or a device's alarm, free), shows the fee that follows,
 * and sends only once a basis is chosen: the fee is never guessed. Nothing is preselected.
 */
final class DispatchDialog extends Dialog {

    private final RadioButtonGroup<DispatchBasis> basis = new RadioButtonGroup<>();
    private final Span fee = new Span();
    private final Button confirm = new Button();

    DispatchDialog(IncidentView target, ResponderRecommendation unit, String username, Consumer<IncidentCommand> send) {
        setId("dispatch-dialog");
        setHeaderTitle(getTranslation("dispatch.title"));
        Span which = new Span(getTranslation("kind." + target.kind()) + " · " + IncidentTexts.ward(target.wardCode())
                + " → " + getTranslation("responder." + unit.kind()) + " " + unit.callSign() + " · "
                + getTranslation("detail.eta") + " " + getTranslation("detail.eta.value", unit.etaSeconds() / 60, unit.etaSeconds() % 60));
        which.setId("dispatch-which");
        basis.setId("dispatch-basis");
        basis.setLabel(getTranslation("dispatch.basis"));
        basis.setItems(DispatchBasis.values());
        basis.setItemLabelGenerator(b -> getTranslation("dispatch.basis." + b.name()));
        basis.setRequired(true);
        Span rule = new Span(getTranslation("dispatch.rule"));
        rule.addClassName("anshim-muted");
        fee.setId("dispatch-fee");
        fee.setText(getTranslation("dispatch.fee.choose"));
        confirm.setText(getTranslation("dispatch.confirm"));
        confirm.setId("dispatch-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setEnabled(false);
        basis.addValueChangeListener(change -> {
            DispatchBasis chosen = change.getValue();
            confirm.setEnabled(chosen != null);
            fee.setText(chosen == null ? getTranslation("dispatch.fee.choose") : chosen.feeWon() > 0
                    ? getTranslation("dispatch.fee.won", chosen.feeWon()) : getTranslation("dispatch.fee.free"));
        });
        confirm.addClickListener(click -> {
            DispatchBasis chosen = basis.getValue();
            if (chosen == null) {
                return;
            }
            send.accept(IncidentCommand.of(target.id(), Action.DISPATCH, username)
                    .dispatching(unit.responderId(), chosen.residentRequested, chosen.crimeRiskConfirmed));
            close();
        });
        Button cancel = new Button(getTranslation("close.cancel"), click -> close());
        cancel.setId("dispatch-cancel");
        VerticalLayout body = new VerticalLayout(which, basis, rule, fee);
        body.setPadding(false);
        body.setMinWidth("30em");
        add(body);
        getFooter().add(cancel, confirm);
    }

    RadioButtonGroup<DispatchBasis> basis() {
        return basis;
    }

    Button confirm() {
        return confirm;
    }

    Span fee() {
        return fee;
    }
}
