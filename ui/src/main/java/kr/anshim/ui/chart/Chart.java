package kr.anshim.ui.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

import java.io.UncheckedIOException;
import java.util.Map;

/** Apache ECharts (open source, from npm) as a Flow component: the server sends the chart's option. */
@Tag("anshim-chart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./anshim-chart.js")
public class Chart extends Component implements HasSize {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Chart() {
        setWidthFull();
        setHeight("320px");
    }

    public void setOption(Map<String, Object> option) {
        try {
            getElement().callJsFunction("setOption", JSON.writeValueAsString(option));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
