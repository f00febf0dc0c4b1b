package kr.anshim.ui.console;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import kr.anshim.api.IncidentView;
import kr.anshim.ui.IncidentTexts;

import java.util.List;
import java.util.function.Consumer;

/**
 * "최근 종료 · Recently closed": the incidents of the operator's wards that ended as resolved or
 * false alarm and may still be reopened (the backend lists them, scoped to the caller's wards,
 * with each one's deadline); a click shows one in the panel, whose Reopen action asks for a reason.
 */
final class RecentlyClosedView extends Grid<IncidentView> {

    RecentlyClosedView(boolean severalWards, Consumer<IncidentView> selected) {
        setId("recently-closed");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setSizeFull();
        addColumn(i -> getTranslation("kind." + i.kind())).setHeader(getTranslation("queue.kind"))
                .setAutoWidth(true).setFlexGrow(1).setKey("kind");
        if (severalWards) {
            addColumn(i -> IncidentTexts.ward(i.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true)
                    .setFlexGrow(0).setKey("ward");
        }
        addColumn(i -> getTranslation("status." + i.status())).setHeader(getTranslation("queue.status"))
                .setAutoWidth(true).setFlexGrow(0).setKey("status");
        addColumn(i -> i.closedAt() == null ? "—" : Timeline.TIME.format(i.closedAt())).setHeader(getTranslation("closed.at"))
                .setAutoWidth(true).setFlexGrow(0).setKey("closed");
        addColumn(i -> i.next().reopenUntil() == null ? "—" : Timeline.TIME.format(i.next().reopenUntil()))
                .setHeader(getTranslation("closed.until")).setAutoWidth(true).setFlexGrow(0).setKey("until");
        setColumnReorderingAllowed(false);
        addItemClickListener(click -> selected.accept(click.getItem()));
    }

    void show(List<IncidentView> closed) {
        setItems(closed);
    }
}
