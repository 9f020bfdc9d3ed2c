package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void everyOptionHasAUniqueKeyAndADescription() {
        List<ConfigOption<?>> all = OptionsCommand.all();
        assertThat(all).hasSizeGreaterThan(25);
        Set<String> keys = new HashSet<>();
        for (ConfigOption<?> o : all) {
            assertThat(keys.add(o.key())).as("key %s declared once", o.key()).isTrue();
            assertThat(OptionsCommand.description(o)).as("description of %s", o.key()).isNotBlank();
        }
    }

    @Test
    void theOptionsDocumentListsEveryKey() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "pipeline-options.md"));
        for (ConfigOption<?> o : OptionsCommand.all()) {
            assertThat(doc).as("docs/pipeline-options.md (regenerate with ./clipstream options)").contains("`" + o.key() + "`");
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        for (ConfigOption<?> o : OptionsCommand.all()) {
            assertThat(readme).as("README.md options table (regenerate with ./clipstream options)").contains("`" + o.key() + "`");
        }
    }

    @Test
    void everyDeclaredOptionIsReadBySomeCode() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clipstream.jobs");
        List<String> unread = new ArrayList<>();
        for (Class<?> options : OptionsCommand.OPTION_CLASSES) {
            for (JavaField field : main.get(options).getFields()) {
                if (!field.getModifiers().contains(JavaModifier.STATIC) || !field.getRawType().isAssignableTo(ConfigOption.class)) {
                    continue;
                }
                // a read by code other than the listing of every option, outside the declaring initializer
                boolean read = field.getAccessesToSelf().stream()
                        .filter(a -> a.getAccessType() == JavaFieldAccess.AccessType.GET)
                        .filter(a -> !a.getOriginOwner().isEquivalentTo(OptionsCommand.class))
                        .anyMatch(a -> !a.getOrigin().getName().equals("<clinit>"));
                if (!read) {
                    unread.add(options.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertThat(unread).as("options declared but read by nothing: bind them or remove them").isEmpty();
    }

    @Test
    void everyDocumentedOptionIsDeclared() throws Exception {
        Set<String> declared = new HashSet<>();
        OptionsCommand.all().forEach(o -> declared.add(o.key()));
        Pattern row = Pattern.compile("^\\| `([a-z0-9][a-z0-9.-]*)` \\|");
        List<String> undeclared = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "docs", "pipeline-options.md"))) {
            Matcher m = row.matcher(line);
            if (m.find() && !declared.contains(m.group(1))) {
                undeclared.add(m.group(1));
            }
        }
        assertThat(undeclared).as("docs/pipeline-options.md lists keys that no *Options class declares").isEmpty();
    }

    @Test
    void configFilesTakeColonOrEqualsAndQuotes() {
        Map<String, String> m = io.clipstream.jobs.launch.JobArguments.parseLines(List.of("# comment", "", "kafka.bootstrap-servers: host:9092",
                "encoder.max-batch-size=8", "topics.images: 'my images'"));
        assertThat(m).containsExactly(Map.entry("kafka.bootstrap-servers", "host:9092"),
                Map.entry("encoder.max-batch-size", "8"), Map.entry("topics.images", "my images"));
    }
}
