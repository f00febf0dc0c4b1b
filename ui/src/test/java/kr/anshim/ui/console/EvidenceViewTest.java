package kr.anshim.ui.console;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.github.mvysny.kaributesting.v10.AnchorsKt;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import kr.anshim.api.DemoSnapshots;
import kr.anshim.api.SnapshotView;
import kr.anshim.ui.backend.FakeScreenData;
import kr.anshim.ui.i18n.TranslationProvider;
import kr.anshim.ui.security.AnshimUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Browserless (Karibu-Testing): the incident panel's evidence section shows each door-camera still the
 * backend sends as an image, a hidden one (a protected person's door, masked for this user) as a
 * placeholder without any image, and its export link fetches the ZIP from the backend only when used.
 */
class EvidenceViewTest {

    static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-000000000013");
    static final byte[] JPEG = DemoSnapshots.jpeg(13, 160, 120);
    static final byte[] ZIP = {'P', 'K', 3, 4, 13};

    final Map<UUID, List<SnapshotView>> snapshots = new ConcurrentHashMap<>();
    final List<UUID> exported = new CopyOnWriteArrayList<>();
    final FakeScreenData data = new FakeScreenData() {
        @Override
        public Mono<List<SnapshotView>> snapshots(AnshimUser user, UUID incident) {
            return Mono.just(snapshots.getOrDefault(incident, List.of()));
        }

        @Override
        public Mono<byte[]> evidence(AnshimUser user, UUID incident) {
            exported.add(incident);
            return Mono.just(ZIP);
        }
    };
    EvidenceView view;

    @BeforeEach
    void vaadin() {
        System.setProperty("vaadin.i18n.provider", TranslationProvider.class.getName());
        MockVaadin.setup();
        UI.getCurrent().setLocale(TranslationProvider.KOREAN);
        view = new EvidenceView(data, new AnshimUser("op.mapo", "마포구 관제요원", "OPERATOR", List.of("11440"), "token"));
        UI.getCurrent().add(view);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        System.clearProperty("vaadin.i18n.provider");
    }

    @Test
    void a_shown_snapshot_is_an_image_of_the_backends_bytes_and_a_hidden_one_a_placeholder_without_an_image() {
        Instant at = Instant.parse("2026-12-01T05:30:00Z");
        snapshots.put(INCIDENT, List.of(
                new SnapshotView(UUID.randomUUID(), "DC-11440-0002", at, JPEG.length, "sha", false, JPEG),
                new SnapshotView(UUID.randomUUID(), "DC-11440-0004", at, 4000, "sha", true, null)));

        view.load(INCIDENT);
        waitFor(() -> !_find(Image.class).isEmpty());

        Image image = _get(Image.class);
        assertThat(image.getAlt()).hasValueSatisfying(alt -> assertThat(alt).contains("DC-11440-0002", "14:30"));
        assertThat(DownloadKt.download(image)).isEqualTo(JPEG);
        assertThat(_find(Span.class, spec -> spec.withClasses("anshim-snapshot-hidden"))).singleElement()
                .extracting(Span::getText).isEqualTo("신변보호 대상자 현관 사진 — 경찰 인계 전까지 가림");
        assertThat(_find(Image.class)).as("only the shown one is an image").hasSize(1);
    }

    @Test
    void without_snapshots_it_says_so_and_the_export_link_asks_the_backend_only_when_used() {
        view.load(INCIDENT);
        waitFor(() -> !_find(Span.class, spec -> spec.withText("스냅숏 없음")).isEmpty());
        assertThat(_find(Image.class)).isEmpty();
        Anchor export = _get(Anchor.class, spec -> spec.withId("incident-export"));
        assertThat(export.getText()).isEqualTo("증거 자료 내보내기 (ZIP)");
        assertThat(export.getElement().hasAttribute("download")).isTrue();
        assertThat(exported).as("nothing fetched before the link is used").isEmpty();

        assertThat(AnchorsKt.get_href(export)).endsWith("/anshim-evidence-00000000.zip");
        assertThat(DownloadKt._download(export)).isEqualTo(ZIP);
        assertThat(exported).containsExactly(INCIDENT);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).pollInSameThread().until(() -> {
            MockVaadin.clientRoundtrip();
            return condition.getAsBoolean();
        });
    }
}
