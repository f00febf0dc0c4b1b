package kr.anshim.ui.alarm;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import kr.anshim.api.ShelvedItem;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.security.AnshimUser;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The console's shelved list: a button in the bar counts the shelved items of the user's wards
 * (read from the backend every {@link #REFRESH}), and opens them: what, why, who, since and until
 * when (Seoul time), the time left, and an unshelve action. Items the backend expired or returned
 * drop out on the next read; their incidents come back to the queue through the live feed.
 */
public class ShelvedList extends Div {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final AlarmScreenData data;
    private final AnshimUser user;
    private final Clock clock = Clock.systemUTC();
    private final Button open = new Button();
    private final Grid<ShelvedItem> grid = new Grid<>();
    private final Dialog dialog = new Dialog();
    private List<ShelvedItem> items = List.of();
    private Disposable refreshing;

    public ShelvedList(AlarmScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        open.setId("shelved-open");
        open.addThemeVariants(ButtonVariant.LUMO_SMALL);
        open.addClickListener(click -> dialog.open());
        grid.setId("shelved-list");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(i -> AlarmTexts.target(this, i))
                .setHeader(getTranslation("shelve.col.what")).setAutoWidth(true).setKey("what");
        grid.addColumn(i -> IncidentTexts.ward(i.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true);
        grid.addColumn(ShelvedItem::reason).setHeader(getTranslation("shelve.reason")).setFlexGrow(1).setKey("reason");
        grid.addColumn(ShelvedItem::shelvedBy).setHeader(getTranslation("shelve.col.by")).setAutoWidth(true);
        grid.addColumn(i -> AlarmTexts.kst(i.shelvedAt())).setHeader(getTranslation("shelve.col.at")).setAutoWidth(true);
        grid.addColumn(i -> AlarmTexts.kst(i.expiresAt())).setHeader(getTranslation("shelve.col.until"))
                .setAutoWidth(true).setKey("until");
        grid.addColumn(i -> AlarmTexts.duration(this, Duration.between(clock.instant(), i.expiresAt())))
                .setHeader(getTranslation("shelve.col.left")).setAutoWidth(true);
        grid.addComponentColumn(this::unshelveButton).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        dialog.setId("shelved-dialog");
        dialog.setHeaderTitle(getTranslation("shelve.list"));
        dialog.setWidth("min(72rem, 95vw)");
        dialog.add(grid);
        Button close = new Button(getTranslation("shelve.close"), click -> dialog.close());
        close.setId("shelved-close");
        dialog.getFooter().add(close);
        add(open, dialog);
        show(List.of());
    }

    private Button unshelveButton(ShelvedItem item) {
        Button unshelve = new Button(getTranslation("shelve.unshelve"), click -> {
            UI ui = UI.getCurrent();
            data.unshelve(user, item.id()).subscribe(result -> ui.access(() -> {
                if (!result.accepted()) {
                    Notification.show(AlarmTexts.refusal(this, result.code())).addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
                refresh(ui);
            }), error -> ui.access(() -> Notification.show(AlarmTexts.refusal(this, error))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR)));
        });
        unshelve.setId("unshelve-" + item.id());
        unshelve.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return unshelve;
    }

    private void refresh(UI ui) {
        data.shelved(user).subscribe(list -> ui.access(() -> show(list)), error -> { });
    }

    private void show(List<ShelvedItem> list) {
        items = list;
        open.setText(getTranslation("shelve.list.count", list.size()));
        grid.setItems(items);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        // one read at a time: a slow answer delays the next, never piles them up
        refreshing = Flux.interval(Duration.ZERO, REFRESH).onBackpressureDrop()
                .concatMap(tick -> data.shelved(user).onErrorResume(error -> reactor.core.publisher.Mono.empty()), 1)
                .subscribe(list -> ui.access(() -> show(list)));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (refreshing != null) {
            refreshing.dispose();
        }
    }
}
