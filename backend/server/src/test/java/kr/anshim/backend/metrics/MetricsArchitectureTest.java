package kr.anshim.backend.metrics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class MetricsArchitectureTest {

    private static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("kr.anshim.backend");

    @Test
    void metrics_only_reads_so_it_uses_no_package_that_changes_incidents_devices_or_responders() {
        noClasses().that().resideInAPackage("kr.anshim.backend.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("kr.anshim.backend.ingest..",
                        "kr.anshim.backend.operations..", "kr.anshim.backend.responder..", "kr.anshim.backend.device..",
                        "kr.anshim.backend.livefeed..")
                .check(BACKEND);
    }

    @Test
    void no_other_package_depends_on_metrics() {
        noClasses().that().resideOutsideOfPackage("kr.anshim.backend.metrics..")
                .should().dependOnClassesThat().resideInAPackage("kr.anshim.backend.metrics..")
                .check(BACKEND);
    }
}
