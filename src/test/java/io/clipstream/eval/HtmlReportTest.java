package io.clipstream.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir Path dir;

    private static EvalResult result() {
        ThresholdCalibration cal = ThresholdCalibration.of(new float[] {0.9f, 0.8f, 0.6f, 0.4f}, new float[] {0.7f, 0.3f, 0.2f, 0.1f});
        return new EvalResult("tiny<model>", "shapes", 4, 4, Map.of(1, 0.5, 5, 0.75, 10, 1.0), Map.of(1, 0.25, 5, 0.5, 10, 1.0),
                0.5, 4, cal);
    }

    @Test
    void pageHoldsTheFiguresAndAnInlinePlotWithoutExternalResources() throws IOException {
        Path file = dir.resolve("out/report.html");
        HtmlReport.write(result(), file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("tiny&lt;model&gt;", "50.0%", "75.0%", "25.0%", "<svg", "<polyline", "0.4000");
        assertThat(html).doesNotContain("<script", "src=\"http", "href=\"http");
    }

    @Test
    void tableListsBothDirectionsAndTheThreshold() {
        String table = result().table();
        assertThat(table).contains("image -> text", "text -> image", "50.0%", "zero-shot accuracy", "match threshold        0.4000");
    }

    @Test
    void calibrateWritesTheThresholdIntoClipstreamJsonKeepingOtherFields() throws IOException {
        Files.writeString(dir.resolve(ModelMetadata.FILE), "{\"model_id\":\"tiny\",\"training\":{\"steps\":3}}");
        ModelMetadata.writeThreshold(dir, result());
        assertThat(ModelMetadata.readThreshold(dir)).isEqualTo(0.4);
        assertThat(Files.readString(dir.resolve(ModelMetadata.FILE))).contains("\"model_id\" : \"tiny\"", "\"steps\" : 3", "\"f1\"");
    }
}
