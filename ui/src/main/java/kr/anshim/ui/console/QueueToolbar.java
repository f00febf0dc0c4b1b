package kr.anshim.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import kr.anshim.api.Wards;
import kr.anshim.ui.IncidentTexts;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Above the queue: filters (severity, kind, status; ward for a supervisor), sort, grouping, the
 * group's bulk acknowledgement, and the flood indicator with the way back to the normal view.
 * Every change hands the new {@link QueueShape} to the console.
 */
final class QueueToolbar extends FlexLayout {

    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    static final List<String> KINDS = List.of("EMERGENCY", "INTRUSION", "ACCESS_ATTEMPT", "TAMPER", "LOITERING", "PROWLER",
            "DEVICE_FAULT", "DEVICE_OFFLINE", "ACTIVITY");
    static final List<String> STATUSES = List.of("NEW", "ACKNOWLEDGED", "DISPATCHED", "EN_ROUTE", "ON_SCENE");

    private final MultiSelectComboBox<String> severity = multi("queue.filter.severity", "severity.", SEVERITIES, "filter-severity");
    private final MultiSelectComboBox<String> kind = multi("queue.filter.kind", "kind.", KINDS, "filter-kind");
    private final MultiSelectComboBox<String> status = multi("queue.filter.status", "status.", STATUSES, "filter-status");
    private final MultiSelectComboBox<String> ward;
    private final Select<QueueShape.Sort> sort = new Select<>();
    private final Select<QueueShape.Grouping> grouping = new Select<>();
    private final Button bulk = new Button();
    private final Span flood = new Span();
    private final Button normal = new Button();
    private final Consumer<QueueShape> changed;
    private boolean pinCritical;
    private boolean quiet;
    /** The flood view is on because of the flood (not the operator's own grouping). */
    private boolean floodView;
    /** The operator went back to the normal view during this flood: not switched again until it ends. */
    private boolean optedOut;

    QueueToolbar(boolean supervisor, Consumer<QueueShape> changed, Runnable acknowledgeGroup) {
        this.changed = changed;
        addClassName("anshim-queue-tools");
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(Alignment.END);
        getStyle().set("gap", "var(--lumo-space-xs)");
        ward = supervisor ? multi("queue.filter.ward", null, Wards.seoul().all().stream().map(w -> w.code()).toList(), "filter-ward") : null;
        choice(sort, "queue-sort", "queue.sort", QueueShape.Sort.values(), QueueShape.Sort.RANK, "8.5em");
        choice(grouping, "queue-group", "queue.group", QueueShape.Grouping.values(), QueueShape.Grouping.NONE, "7.5em");
        bulk.setId("bulk-acknowledge");
        bulk.setText(getTranslation("queue.bulk"));
        bulk.addThemeVariants(ButtonVariant.LUMO_SMALL);
        bulk.setEnabled(false);
        bulk.addClickListener(click -> acknowledgeGroup.run());
        flood.setId("flood-indicator");
        flood.addClassName("anshim-flood");
        flood.setVisible(false);
        normal.setId("flood-normal-view");
        normal.setText(getTranslation("flood.normal"));
        normal.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        normal.setVisible(false);
        normal.addClickListener(click -> {
            floodView = false;
            optedOut = true;
            pinCritical = false;
            normal.setVisible(false);
            quietly(() -> grouping.setValue(QueueShape.Grouping.NONE));
            fire();
        });
        for (var box : List.of(severity, kind, status)) {
            box.addValueChangeListener(change -> fire());
            add(box);
        }
        if (ward != null) {
            ward.setItemLabelGenerator(IncidentTexts::ward);
            ward.addValueChangeListener(change -> fire());
            add(ward);
        }
        sort.addValueChangeListener(change -> fire());
        grouping.addValueChangeListener(change -> fire());
        add(sort, grouping, bulk, flood, normal);
    }

    private <E extends Enum<E>> void choice(Select<E> select, String id, String label, E[] values, E initial, String width) {
        select.setId(id);
        select.setLabel(getTranslation(label));
        select.setItems(values);
        select.setItemLabelGenerator(v -> getTranslation(label + "." + v.name()));
        select.setValue(initial);
        select.setWidth(width);
    }

    private MultiSelectComboBox<String> multi(String label, String prefix, List<String> items, String id) {
        MultiSelectComboBox<String> box = new MultiSelectComboBox<>(getTranslation(label));
        box.setId(id);
        box.setItems(items);
        if (prefix != null) {
            box.setItemLabelGenerator(code -> getTranslation(prefix + code));
        }
        box.setPlaceholder(getTranslation("queue.filter.all"));
        box.setWidth("9em");
        box.setClearButtonVisible(true);
        return box;
    }

    QueueShape shape() {
        return new QueueShape(severity.getValue(), kind.getValue(), status.getValue(),
                ward == null ? Set.of() : ward.getValue(), sort.getValue(), grouping.getValue(), pinCritical);
    }

    /**
     * The flood began (grouped by building, criticals pinned, indicator on) or ended (indicator off,
     * criticals no longer pinned; the grouping stays as the operator has it).
     */
    void flood(boolean flooding, int rate) {
        flood.setVisible(flooding);
        flood.setText(getTranslation("flood.indicator", rate));
        if (flooding && !floodView && !optedOut) {
            floodView = true;
            pinCritical = true;
            quietly(() -> grouping.setValue(QueueShape.Grouping.BUILDING));
            normal.setVisible(true);
            fire();
        } else if (!flooding) {
            optedOut = false;
            if (floodView) {
                floodView = false;
                pinCritical = false;
                normal.setVisible(false);
                fire();
            }
        }
    }

    void bulkEnabled(boolean enabled, int count) {
        bulk.setEnabled(enabled);
        bulk.setText(enabled ? getTranslation("queue.bulk.count", count) : getTranslation("queue.bulk"));
    }

    private void quietly(Runnable change) {
        quiet = true;
        try {
            change.run();
        } finally {
            quiet = false;
        }
    }

    private void fire() {
        if (!quiet) {
            changed.accept(shape());
        }
    }
}
