package io.clipstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core knows nothing of Flink or Kafka: the jobs depend on the core, never the reverse. */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clipstream");
    }

    @Test
    void coreDoesNotDependOnFlink() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.flink..");
        rule.check(core);
    }

    @Test
    void coreDoesNotDependOnKafka() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");
        rule.check(core);
    }

    @Test
    void coreDoesNotDependOnTheJobs() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("io.clipstream.jobs..");
        rule.check(core);
    }

    @Test
    void picocliLivesOnlyInTheCliPackage() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.clipstream.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..");
        rule.check(core);
    }
}
