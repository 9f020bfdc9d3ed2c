package io.clipstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.source.ImageOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record that one operator hands to the next, in every job, has a serializer of its own
 * (POJO or Avro): with Kryo's generic types turned off the job graphs still build, so nothing
 * between operators falls back to Kryo.
 */
class NoKryoTest {

    @ParameterizedTest
    @ValueSource(strings = {"embed", "match", "tag"})
    void theJobBuildsWithGenericTypesDisabled(String job) {
        Configuration conf = new Configuration();
        conf.setString("kafka.bootstrap-servers", "127.0.0.1:9");
        conf.set(EncoderOptions.MODEL_DIR, "unused-when-only-building");
        conf.set(JobOptions.EMIT_EMBEDDINGS, true);
        // a wider image stage: the records crossing into and out of it are serialized too
        conf.set(ImageOptions.PREPROCESS_PARALLELISM, 3);
        Configuration env = new Configuration();
        env.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment e = StreamExecutionEnvironment.getExecutionEnvironment(env);
        e.setParallelism(2);
        ModelLoader loader = ModelLoader.clipModel();
        PipelineJob pipeline = switch (job) {
            case "match" -> MatchJob.fromConfiguration(conf, loader);
            case "tag" -> TagJob.fromConfiguration(conf, loader);
            default -> EmbedJob.fromConfiguration(conf, loader);
        };
        pipeline.build(e);
        StreamGraph graph = e.getStreamGraph();
        assertThat(graph.getJobGraph().getNumberOfVertices()).isPositive();
    }
}
