package kr.anshim.ui.alarm;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import kr.anshim.api.IncidentView;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.Shelving;
import kr.anshim.api.SuppressedDevice;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.security.AnshimUser;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The incident panel's shelving: "shelve" for the selected incident and, when one of its devices
 * is chattering (suppressed by the backend), for that device. What may never be shelved (a
 * protected person's bell or lock, anything CRITICAL: {@link Shelving#never}) is not offered; the
 * reason is shown instead. Operators and supervisors only; the backend checks again.
 */
public class ShelveAction extends HorizontalLayout {

    private final AlarmScreenData data;
    private final AnshimUser user;
    private Shelving limits;
    private IncidentView incident;
    private List<SuppressedDevice> chattering = List.of();

    public ShelveAction(AlarmScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setId("shelve-action");
        setAlignItems(Alignment.BASELINE);
        setVisible(false);
    }

    /** Shows the actions for this incident (a new version of the same one keeps the chattering devices known). */
    public void show(IncidentView view) {
        boolean other = incident == null || !incident.id().equals(view.id());
        incident = view;
        if (!user.role().equals("OPERATOR") && !user.role().equals("SUPERVISOR")) {
            return;
        }
        UI ui = UI.getCurrent();
        if (limits == null) {
            data.shelving(user).subscribe(answer -> ui.access(() -> {
                limits = answer;
                render();
            }), error -> { });
        }
        if (other) {
            chattering = List.of();
            UUID id = view.id();
            data.suppressed(user).subscribe(list -> ui.access(() -> {
                if (incident != null && incident.id().equals(id)) {
                    chattering = list.stream().filter(d -> id.equals(d.incidentId())).toList();
                    render();
                }
            }), error -> { });
        }
        render();
    }

    private void render() {
        removeAll();
        setVisible(incident != null && limits != null && !incident.status().isClosed());
        if (!isVisible()) {
            return;
        }
        Optional<String> never = Shelving.never(incident);
        if (never.isPresent()) {
            Span why = new Span(getTranslation("shelve.never", getTranslation(never.get())));
            why.setId("shelve-never");
            why.addClassName("anshim-muted");
            add(why);
            return;
        }
        String what = getTranslation("kind." + incident.kind()) + " · " + IncidentTexts.ward(incident.wardCode());
        Button shelve = new Button(getTranslation("shelve.incident"), click -> new ShelveDialog(data, user,
                ShelveRequest.Target.INCIDENT, incident.id().toString(), what, limits).open());
        shelve.setId("shelve-incident");
        shelve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        add(shelve);
        for (SuppressedDevice device : chattering) {
            Button byDevice = new Button(getTranslation("shelve.device", device.deviceId(), device.repeats()),
                    click -> new ShelveDialog(data, user, ShelveRequest.Target.DEVICE, device.deviceId(),
                            getTranslation("shelve.device.what", device.deviceId()), limits).open());
            byDevice.setId("shelve-device-" + device.deviceId());
            byDevice.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            add(byDevice);
        }
    }
}
