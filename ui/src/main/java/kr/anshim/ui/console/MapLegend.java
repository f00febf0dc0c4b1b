package kr.anshim.ui.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * The map's legend, drawn as the map draws: filled round dots per severity for incidents, small
 * circles with a dark rim per status for responders, a grey ring for an offline device, in the
 * same colours (styles/anshim.css, anshim-ward-map.js).
 */
final class MapLegend {

    private MapLegend() {
    }

    static HorizontalLayout create(Component c) {
        HorizontalLayout legend = new HorizontalLayout();
        legend.setId("map-legend");
        legend.addClassName("anshim-legend");
        legend.setSpacing(false);
        for (String severity : QueueToolbar.SEVERITIES) {
            legend.add(entry("anshim-incident severity-" + severity.toLowerCase(), c.getTranslation("severity." + severity)));
        }
        legend.add(entry("anshim-legend-responder anshim-legend-responder--available", c.getTranslation("legend.responder.available")));
        legend.add(entry("anshim-legend-responder anshim-legend-responder--busy", c.getTranslation("legend.responder.busy")));
        legend.add(entry("anshim-incident anshim-incident--offline", c.getTranslation("legend.offline")));
        return legend;
    }

    private static Span entry(String swatchClasses, String text) {
        Span swatch = new Span();
        swatch.addClassNames(swatchClasses.split(" "));
        swatch.addClassName("anshim-legend-swatch");
        Span entry = new Span(swatch, new Span(text));
        entry.addClassName("anshim-legend-entry");
        return entry;
    }
}
