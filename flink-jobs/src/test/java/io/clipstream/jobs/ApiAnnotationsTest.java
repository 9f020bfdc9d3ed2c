package io.clipstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.junit.jupiter.api.Test;

/** Every public top-level type of the jobs module says how stable it is, as Flink's own code does. */
class ApiAnnotationsTest {

    @Test
    void publicTypesArePublicEvolvingOrInternal() {
        List<String> unmarked = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clipstream.jobs")) {
            if (c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC)
                    && !c.getSimpleName().equals("package-info")
                    && !c.isAnnotatedWith(PublicEvolving.class) && !c.isAnnotatedWith(Internal.class)) {
                unmarked.add(c.getName());
            }
        }
        assertThat(unmarked).as("public types without @PublicEvolving or @Internal").isEmpty();
    }
}
