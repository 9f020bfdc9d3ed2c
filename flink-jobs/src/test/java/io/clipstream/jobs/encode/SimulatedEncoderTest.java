package io.clipstream.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.clipstream.jobs.runtime.RandomCheckpoint;
import io.clipstream.model.ClipEncoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedEncoderTest {

    @Test
    void returnsOneUnitVectorPerInputOfTheModelFoldersShape(@TempDir Path tmp) throws Exception {
        Path model = RandomCheckpoint.write(tmp.resolve("m"), List.of("a red square"), 1);
        try (ClipEncoder encoder = SimulatedEncoder.loader(0.5).load(model, Device.cpu())) {
            float[][] images = encoder.encodePixels(List.of(new float[3 * 32 * 32], new float[3 * 32 * 32]));
            float[][] texts = encoder.encodeTexts(List.of("a", "b", "c"));

            assertThat(encoder.imageSize()).isEqualTo(32);
            assertThat(encoder.onAccelerator()).as("it stands for one, so the encoder's model thread is on").isTrue();
            assertThat(encoder.embeddingDimension()).isEqualTo(16);
            assertThat(images).hasNumberOfRows(2);
            assertThat(texts).hasNumberOfRows(3);
            for (float[] v : images) {
                double norm = 0;
                for (float x : v) {
                    norm += x * x;
                }
                assertThat(v).hasSize(16);
                assertThat(norm).isCloseTo(1.0, within(1e-6));
            }
            // every call hands out its own arrays: a caller that changes one does not change the next
            images[0][0] = 5f;
            assertThat(encoder.encodePixels(List.of(new float[3 * 32 * 32]))[0][0]).isEqualTo(1f);
        }
    }
}
