package io.clipstream.jobs.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reason table of docs/pipeline.md lists exactly the reasons and stages the code declares. */
class DeadLetterReasonsDocTest {
    private static final Pattern CODE = Pattern.compile("`([A-Za-z_]+)`");

    @Test
    void theDocsReasonTableMatchesTheCode() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "pipeline.md"));
        int start = doc.indexOf("| stage | reason | cause |");
        assertThat(start).as("reason table in docs/pipeline.md").isPositive();
        Set<String> documented = new TreeSet<>();
        for (String line : doc.substring(start).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 3 || !cells[1].contains("`")) {
                continue;
            }
            String stage = first(cells[1]);
            Matcher m = CODE.matcher(cells[2]);
            while (m.find()) {
                documented.add(stage + "/" + m.group(1));
            }
        }
        Set<String> declared = new TreeSet<>();
        for (DeadLetterReason r : DeadLetterReason.values()) {
            for (Stage s : r.stages()) {
                declared.add(s.code() + "/" + r.name());
            }
        }
        assertThat(documented).isEqualTo(declared);
    }

    private static String first(String cell) {
        Matcher m = CODE.matcher(cell);
        assertThat(m.find()).as(cell).isTrue();
        return m.group(1);
    }
}
