package kr.anshim.ui.alarm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.streams.UploadHandler;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.Procedure;
import kr.anshim.ui.security.AnshimUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor's procedure (SOP) editor: every procedure per incident kind and protection status,
 * one to edit (a step a line: {@code id | 한국어 | English}), saved through the backend, which checks
 * and audits every save; all of them exported as one JSON file, and a file of them imported (each
 * saved, so each checked and audited on its own).
 */
public class ProcedureEditor extends VerticalLayout {

    static final int LARGEST_FILE = 256 * 1024;
    public static final List<String> PROTECTIONS = List.of("ANY", "ORDINARY", "PROTECTED");

    private final AlarmScreenData data;
    private final AnshimUser user;
    private final ObjectMapper json;
    private final Grid<Procedure> grid = new Grid<>();
    private final Select<IncidentKind> kind = new Select<>();
    private final Select<String> protection = new Select<>();
    private final TextArea steps = new TextArea();
    private List<Procedure> procedures = List.of();

    public ProcedureEditor(AlarmScreenData data, AnshimUser user, ObjectMapper json) {
        this.data = data;
        this.user = user;
        this.json = json;
        setId("procedure-editor");
        setPadding(false);
        grid.setId("procedures");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(p -> getTranslation("kind." + p.incidentKind())).setHeader(getTranslation("queue.kind")).setAutoWidth(true);
        grid.addColumn(p -> getTranslation("procedure.protection." + p.protection())).setHeader(getTranslation("procedure.protection"))
                .setAutoWidth(true);
        grid.addColumn(p -> p.steps().size()).setHeader(getTranslation("procedure.steps.count")).setAutoWidth(true);
        grid.addColumn(p -> p.updatedBy() == null ? "" : p.updatedBy()).setHeader(getTranslation("procedure.updatedBy")).setAutoWidth(true);
        grid.addColumn(p -> AlarmTexts.kst(p.updatedAt())).setHeader(getTranslation("procedure.updatedAt")).setAutoWidth(true);
        grid.asSingleSelect().addValueChangeListener(change -> edit(change.getValue()));
        kind.setId("procedure-kind");
        kind.setLabel(getTranslation("queue.kind"));
        kind.setItems(IncidentKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("kind." + k));
        protection.setId("procedure-protection");
        protection.setLabel(getTranslation("procedure.protection"));
        protection.setItems(PROTECTIONS);
        protection.setItemLabelGenerator(p -> getTranslation("procedure.protection." + p));
        steps.setId("procedure-steps");
        steps.setLabel(getTranslation("procedure.steps"));
        steps.setHelperText(getTranslation("procedure.steps.help"));
        steps.setWidthFull();
        steps.setMinHeight("10rem");
        Button save = new Button(getTranslation("procedure.save"), click -> save());
        save.setId("procedure-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button fresh = new Button(getTranslation("procedure.new"), click -> grid.asSingleSelect().clear());
        fresh.setId("procedure-new");
        Anchor export = new Anchor(new StreamResource("anshim-procedures.json", this::export), getTranslation("procedure.export"));
        export.getElement().setAttribute("download", true);
        export.setId("procedure-export");
        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> imported(bytes)));
        upload.setId("procedure-import");
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setMaxFileSize(LARGEST_FILE);
        upload.setMaxFiles(1);
        upload.setDropLabel(new Span(getTranslation("procedure.import")));
        add(new H3(getTranslation("procedure.editor")), grid, new HorizontalLayout(kind, protection), steps,
                new HorizontalLayout(save, fresh, export), upload);
    }

    /** Reads the procedures again from the backend. */
    public void load() {
        UI ui = UI.getCurrent();
        data.procedures(user).subscribe(list -> ui.access(() -> {
            procedures = list;
            grid.setItems(list);
        }), error -> ui.access(() -> refused(AlarmTexts.refusal(this, error))));
    }

    private void edit(Procedure procedure) {
        kind.setValue(procedure == null ? null : IncidentKind.valueOf(procedure.incidentKind()));
        protection.setValue(procedure == null ? null : procedure.protection());
        steps.setValue(procedure == null ? "" : lines(procedure.steps()));
    }

    private void save() {
        Procedure procedure = new Procedure(kind.getValue() == null ? null : kind.getValue().name(), protection.getValue(),
                steps(steps.getValue()), null, null);
        UI ui = UI.getCurrent();
        data.save(user, procedure).subscribe(saved -> ui.access(() -> {
            Notification.show(getTranslation("procedure.saved")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        }), error -> ui.access(() -> refused(AlarmTexts.refusal(this, error))));
    }

    /** One step a line, {@code id | 한국어 | English}; blank lines are skipped, a line without three parts is kept as the id alone. */
    static List<Procedure.Step> steps(String text) {
        List<Procedure.Step> parsed = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", 3);
            parsed.add(new Procedure.Step(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "",
                    parts.length > 2 ? parts[2].strip() : ""));
        }
        return parsed;
    }

    static String lines(List<Procedure.Step> steps) {
        return String.join("\n", steps.stream().map(s -> s.id() + " | " + s.ko() + " | " + s.en()).toList());
    }

    private ByteArrayInputStream export() {
        try {
            return new ByteArrayInputStream(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(procedures));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file of procedures (as exported): each saved on its own; what the backend refused is counted and the first said. */
    private void imported(byte[] bytes) {
        UI ui = UI.getCurrent();
        List<Procedure> file;
        try {
            file = json.readValue(bytes, new TypeReference<List<Procedure>>() {
            });
        } catch (IOException notProcedures) {
            ui.access(() -> refused(getTranslation("procedure.import.invalid")));
            return;
        }
        List<String> refusals = new ArrayList<>();
        Flux.fromIterable(file)
                .concatMap(p -> data.save(user, new Procedure(p.incidentKind(), p.protection(), p.steps(), null, null))
                        .map(saved -> true)
                        .onErrorResume(error -> {
                            refusals.add(error.getMessage());
                            return Mono.just(false);
                        }), 1)
                .filter(Boolean::booleanValue).count()
                .subscribe(saved -> ui.access(() -> {
                    String text = getTranslation("procedure.imported", saved, refusals.size());
                    Notification shown = Notification.show(refusals.isEmpty() ? text
                            : text + " · " + AlarmTexts.refusal(this, refusals.get(0)), 8000, Notification.Position.MIDDLE);
                    shown.addThemeVariants(refusals.isEmpty() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
                    load();
                }));
    }

    private void refused(String text) {
        Notification.show(text, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
