package kr.anshim.ui.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import kr.anshim.api.IncidentView;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The 25 wards of Seoul drawn from the bundled boundary file, with one marker per open incident,
 * coloured by severity. No tile layer: the map works on a control-room network without internet
 * (why there is no bundled street layer: docs/map.md).
 */
@Tag("anshim-ward-map")
@NpmPackage(value = "leaflet", version = "1.9.4")
@NpmPackage(value = "leaflet.markercluster", version = "1.5.3")
@JsModule("./anshim-ward-map.js")
@CssImport("leaflet/dist/leaflet.css")
@CssImport("leaflet.markercluster/dist/MarkerCluster.css")
public class WardMap extends Component implements HasSize {

    /** Shown on the map, as the boundary data's licence (KOGL type 1) asks. */
    public static final String ATTRIBUTION =
            "출처: 통계청 통계지리정보서비스(SGIS) 센서스용 행정구역경계(2018), 공공누리 제1유형 — via github.com/southkorea/southkorea-maps";

    private final ObjectMapper json;

    public WardMap(ObjectMapper json) {
        this.json = json;
        getElement().setAttribute("attribution", ATTRIBUTION);
        setSizeFull();
        // the marker titles and tooltips in the user's language: codes on the wire, words on screen
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String kind : List.of("EMERGENCY", "INTRUSION", "ACCESS_ATTEMPT", "TAMPER", "LOITERING", "PROWLER",
                "DEVICE_FAULT", "DEVICE_OFFLINE", "ACTIVITY")) {
            labels.put("kind." + kind, getTranslation("kind." + kind));
        }
        for (String status : List.of("AVAILABLE", "DISPATCHED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY")) {
            labels.put("responderStatus." + status, getTranslation("responderStatus." + status));
        }
        for (String layer : List.of("incidents", "responders", "offline")) {
            labels.put("map.layer." + layer, getTranslation("map.layer." + layer));
        }
        try {
            getElement().setAttribute("labels", json.writeValueAsString(labels));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves and recolours responder markers. */
    public void upsertResponders(List<kr.anshim.api.ResponderView> responders) {
        if (responders.isEmpty()) {
            return;
        }
        try {
            getElement().callJsFunction("upsertResponders", json.writeValueAsString(responders));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zooms to an incident's marker. */
    public void select(java.util.UUID id) {
        getElement().callJsFunction("select", id.toString());
    }

    /** A click on an incident marker. */
    public com.vaadin.flow.shared.Registration addSelectListener(java.util.function.Consumer<java.util.UUID> listener) {
        return getElement().addEventListener("incident-select",
                        event -> listener.accept(java.util.UUID.fromString(event.getEventData().getString("event.detail.id"))))
                .addEventData("event.detail.id");
    }

    /** Adds, moves or updates markers; a screen keeps the newest state of each incident. */
    /** Removes these incidents' markers: closed, or gone from a fresh snapshot. */
    public void remove(java.util.Collection<java.util.UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            getElement().callJsFunction("removeIncidents", json.writeValueAsString(ids));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void upsert(List<IncidentView> incidents) {
        if (incidents.isEmpty()) {
            return;
        }
        try {
            getElement().callJsFunction("upsertIncidents", json.writeValueAsString(incidents));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
