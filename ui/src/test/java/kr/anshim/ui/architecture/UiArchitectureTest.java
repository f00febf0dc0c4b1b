package kr.anshim.ui.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.router.Route;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The UI's feature packages depend on each other without cycles, and the layout imports no view. */
class UiArchitectureTest {

    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("kr.anshim.ui");

    private static final ArchRule NO_CYCLES = slices().matching("kr.anshim.(**)").should().beFreeOfCycles();

    @Test
    void the_ui_packages_are_free_of_cycles() {
        NO_CYCLES.check(UI);
    }

    @Test
    void a_cycle_between_packages_is_caught() {
        // the positive control: two test packages that import each other
        JavaClasses cycle = new ClassFileImporter().importPackages("kr.anshim.ui.architecture.cycle");
        assertThatThrownBy(() -> slices().matching("kr.anshim.ui.architecture.cycle.(*)..").should().beFreeOfCycles()
                .check(cycle)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
    }

    @Test
    void the_layout_imports_no_view_of_another_package() {
        // the landing page is a route itself; the frame, the screen table and the error pages name no view
        noClasses().that().resideInAPackage("kr.anshim.ui.layout..").and().areNotAnnotatedWith(Route.class)
                .should().dependOnClassesThat().areAnnotatedWith(Route.class)
                .check(UI);
    }
}
