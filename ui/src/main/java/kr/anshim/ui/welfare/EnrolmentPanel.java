package kr.anshim.ui.welfare;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.api.welfare.EnrolmentView;
import kr.anshim.ui.security.AnshimUser;

/**
 * The admin's section of the inactivity check (똑똑문안): a ward's enrolled people, and a form that
 * enrols one (or changes their threshold, 동 or officer). Bulk enrolment: enrolments.csv beside the
 * registry's CSV files. The backend validates and audits.
 */
public class EnrolmentPanel extends VerticalLayout {

    private final WelfareScreenData data;
    private final AnshimUser admin;
    private final ComboBox<Ward> ward = new ComboBox<>();
    private final Grid<EnrolmentView> grid = new Grid<>();
    private final TextField household = new TextField();
    private final TextField device = new TextField();
    private final TextField dong = new TextField();
    private final IntegerField days = new IntegerField();
    private final TextField officer = new TextField();

    public EnrolmentPanel(WelfareScreenData data, AnshimUser admin) {
        this.data = data;
        this.admin = admin;
        setPadding(false);
        ward.setLabel(getTranslation("queue.ward"));
        ward.setId("enrolment-ward");
        ward.setItems(Wards.seoul().all());
        ward.setItemLabelGenerator(w -> kr.anshim.ui.IncidentTexts.ward(w.code()));
        ward.addValueChangeListener(change -> load());
        grid.setId("enrolments");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(EnrolmentView::householdId).setHeader(getTranslation("welfare.household")).setAutoWidth(true);
        grid.addColumn(EnrolmentView::deviceId).setHeader(getTranslation("welfare.device")).setAutoWidth(true);
        grid.addColumn(EnrolmentView::dong).setHeader(getTranslation("welfare.dong")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("welfare.threshold", e.thresholdDays())).setHeader(getTranslation("welfare.thresholdHeader")).setAutoWidth(true);
        grid.addColumn(EnrolmentView::officer).setHeader(getTranslation("welfare.officer")).setAutoWidth(true);
        household.setLabel(getTranslation("welfare.household"));
        device.setLabel(getTranslation("welfare.device"));
        dong.setLabel(getTranslation("welfare.dong"));
        days.setLabel(getTranslation("welfare.thresholdHeader"));
        days.setMin(1);
        days.setMax(5);
        days.setStepButtonsVisible(true);
        days.setValue(3);
        officer.setLabel(getTranslation("welfare.officer"));
        Button save = new Button(getTranslation("welfare.enrol"), click -> save());
        save.setId("enrolment-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(household, device, dong, days, officer, save);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H3(getTranslation("welfare.enrolments")), new Paragraph(getTranslation("welfare.enrolments.help")), ward, grid, form);
    }

    private void load() {
        UI ui = UI.getCurrent();
        if (ward.getValue() == null) {
            grid.setItems();
            return;
        }
        data.enrolments(admin, ward.getValue().code()).subscribe(rows -> ui.access(() -> grid.setItems(rows)),
                error -> ui.access(() -> Notification.show(error.getMessage())));
    }

    private void save() {
        UI ui = UI.getCurrent();
        EnrolmentView enrolment = new EnrolmentView(household.getValue().strip(), null, device.getValue().strip(), dong.getValue().strip(),
                days.getValue() == null ? 0 : days.getValue(), officer.getValue().strip(), null);
        data.saveEnrolment(admin, enrolment).subscribe(answer -> ui.access(() -> {
            Notification.show(answer.ok() ? getTranslation("welfare.enrolled") : getTranslation("action.refused") + ": " + answer.error());
            if (answer.ok()) {
                load();
            }
        }), error -> ui.access(() -> Notification.show(error.getMessage())));
    }
}
