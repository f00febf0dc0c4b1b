package kr.anshim.ui.console;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.StreamResource;
import kr.anshim.api.SnapshotView;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The incident's door-camera snapshots and its evidence export. The images come over the user's own
 * backend connection, which scopes, masks and logs them: a protected person's door the backend hides
 * from this user shows as a placeholder that says why. The export link asks the backend for the ZIP
 * only when clicked (the backend decides who may, masks it and logs it).
 */
public class EvidenceView extends Div {

    private static final Logger log = LoggerFactory.getLogger(EvidenceView.class);
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(60);

    private final ScreenData data;
    private final AnshimUser user;
    private final Div snapshots = new Div();
    private final Anchor export = new Anchor();
    private UUID incident;

    public EvidenceView(ScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setId("incident-evidence");
        snapshots.setId("incident-snapshots");
        snapshots.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
        export.setId("incident-export");
        export.getElement().setAttribute("download", true);
        export.setText(getTranslation("detail.export"));
        add(new H3(getTranslation("detail.snapshots")), snapshots, export);
    }

    /** Loads the incident's snapshots and points the export link at it. */
    public void load(UUID id) {
        incident = id;
        StreamResource zip = new StreamResource("anshim-evidence-" + id.toString().substring(0, 8) + ".zip", () -> zip(id));
        zip.setContentType("application/zip");
        export.setHref(zip);
        snapshots.removeAll();
        UI ui = UI.getCurrent();
        data.snapshots(user, id).subscribe(list -> ui.access(() -> {
            if (id.equals(incident)) {
                show(list);
            }
        }), error -> ui.access(() -> {
            log.warn("Snapshots of {} not loaded for {}: {}", id, user.username(), error.toString());
            snapshots.removeAll();
            snapshots.add(new Span(getTranslation("refusal.unavailable")));
        }));
    }

    void show(List<SnapshotView> list) {
        snapshots.removeAll();
        if (list.isEmpty()) {
            snapshots.add(new Span(getTranslation("detail.snapshot.none")));
            return;
        }
        for (SnapshotView snapshot : list) {
            String caption = snapshot.deviceId() + " · " + Timeline.TIME.format(snapshot.receivedAt());
            Div card = new Div();
            card.addClassName("anshim-snapshot");
            card.getStyle().set("display", "flex").set("flex-direction", "column").set("max-width", "240px");
            if (snapshot.hidden() || snapshot.jpeg() == null) {
                Span hidden = new Span(getTranslation("detail.snapshot.hidden"));
                hidden.addClassName("anshim-snapshot-hidden");
                hidden.getStyle().set("padding", "var(--lumo-space-l)").set("background", "var(--lumo-contrast-10pct)");
                card.add(hidden);
            } else {
                byte[] jpeg = snapshot.jpeg();
                StreamResource still = new StreamResource("snapshot-" + snapshot.eventId() + ".jpg", () -> new ByteArrayInputStream(jpeg));
                still.setContentType("image/jpeg");
                Image image = new Image(still, getTranslation("detail.snapshot.alt", caption));
                image.setWidth("240px");
                card.add(image);
            }
            card.add(new Span(caption));
            snapshots.add(card);
        }
    }

    private ByteArrayInputStream zip(UUID id) {
        try {
            return new ByteArrayInputStream(data.evidence(user, id).block(EXPORT_WAIT));
        } catch (RuntimeException refused) {
            log.warn("Evidence export of {} refused for {}: {}", id, user.username(), refused.toString());
            throw new UncheckedIOException(new java.io.IOException(getTranslation("refusal.export")));
        }
    }
}
