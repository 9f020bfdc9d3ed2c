package io.clipstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.source.ImageOptions;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.RebalancePartitioner;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing stages' parallelism and chaining, as the job graphs of the embed and match
 * jobs show them.
 */
class PreprocessParallelismTest {
    private static final List<String> IMAGE_STAGE = List.of("fetch-images", "prepare-images");

    @Test
    void theImageStageRunsAtItsOwnParallelismAndIsRebalancedIntoTheEncoders() {
        for (boolean match : new boolean[] {false, true}) {
            StreamGraph graph = graph(match, 2, 3);
            for (String uid : IMAGE_STAGE) {
                assertThat(node(graph, uid).getParallelism()).as(uid).isEqualTo(3);
            }
            assertThat(node(graph, "encode-images").getParallelism()).isEqualTo(2);
            assertThat(node(graph, "validate-images").getParallelism()).isEqualTo(2);
            assertThat(partitioner(graph, "validate-images", "fetch-images")).isInstanceOf(RebalancePartitioner.class);
            assertThat(partitioner(graph, "prepare-images", "encode-images")).isInstanceOf(RebalancePartitioner.class);
            // within the stage records go forward, subtask to subtask, never reshuffled
            assertThat(partitioner(graph, "fetch-images", "prepare-images")).isInstanceOf(ForwardPartitioner.class);
            assertSingleInputs(graph);
            JobGraph jobGraph = graph.getJobGraph();
            for (String uid : IMAGE_STAGE) {
                assertThat(vertex(jobGraph, uid).getParallelism()).as(uid).isEqualTo(3);
            }
            // the stage is one chain of its own: every image, inline or fetched, stays in it
            assertThat(vertex(jobGraph, "fetch-images").getName()).contains("prepare-images")
                    .doesNotContain("validate-images").doesNotContain("encode-images");
            assertThat(vertex(jobGraph, "encode-images").getParallelism()).isEqualTo(2);
        }
    }

    @Test
    void unsetItFollowsTheJobAndEveryImageStaysInOneChainFromTheSourceToTheEncoder() {
        for (boolean match : new boolean[] {false, true}) {
            StreamGraph graph = graph(match, 2, null);
            for (String uid : IMAGE_STAGE) {
                assertThat(node(graph, uid).getParallelism()).as(uid).isEqualTo(2);
            }
            assertThat(partitioner(graph, "validate-images", "fetch-images")).isInstanceOf(ForwardPartitioner.class);
            assertThat(partitioner(graph, "prepare-images", "encode-images")).isInstanceOf(ForwardPartitioner.class);
            assertSingleInputs(graph);
            // the inline path: read, validated, passed by the async operator, decoded and encoded in one
            // task, no record serialized between those operators
            JobVertex chain = vertex(graph.getJobGraph(), "encode-images");
            assertThat(chain.getName()).containsSubsequence("source-images", "validate-images", "fetch-images",
                    "prepare-images", "encode-images");
        }
    }

    @Test
    void theCaptionTokenizerIsChainedIntoTheCaptionEncoder() {
        for (boolean match : new boolean[] {false, true}) {
            // a wider image stage changes nothing on the caption path
            StreamGraph graph = graph(match, 2, 3);
            assertThat(node(graph, Ingest.TOKENIZE_CAPTIONS).getParallelism()).isEqualTo(2);
            assertThat(partitioner(graph, "to-captions", Ingest.TOKENIZE_CAPTIONS)).isInstanceOf(ForwardPartitioner.class);
            assertThat(partitioner(graph, Ingest.TOKENIZE_CAPTIONS, "encode-captions"))
                    .isInstanceOf(ForwardPartitioner.class);
            // one task: token ids reach the batch without being serialized
            assertThat(vertex(graph.getJobGraph(), Ingest.TOKENIZE_CAPTIONS).getName()).contains("encode-captions");
        }
    }

    @Test
    void aParallelismBelowOneIsRefused() {
        Configuration conf = new Configuration();
        conf.set(ImageOptions.PREPROCESS_PARALLELISM, 0);
        assertThatThrownBy(() -> Ingest.preprocessParallelism(conf, 2))
                .hasMessageContaining("preprocess.parallelism must be at least 1");
        assertThat(Ingest.preprocessParallelism(new Configuration(), 4)).isEqualTo(4);
    }

    /** Flink chains only an operator with one input: the image stage has no union anywhere. */
    private static void assertSingleInputs(StreamGraph graph) {
        for (String uid : List.of("fetch-images", "prepare-images", "encode-images")) {
            assertThat(node(graph, uid).getInEdges()).as(uid).hasSize(1);
        }
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID).doesNotContain("route-images");
    }

    private static StreamGraph graph(boolean match, int job, Integer preprocess) {
        Configuration conf = new Configuration();
        conf.setString("kafka.bootstrap-servers", "127.0.0.1:9");
        conf.set(EncoderOptions.MODEL_DIR, "unused-when-only-building");
        if (preprocess != null) {
            conf.set(ImageOptions.PREPROCESS_PARALLELISM, preprocess);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(job);
        PipelineJob pipeline = match ? MatchJob.fromConfiguration(conf, ModelLoader.clipModel())
                : EmbedJob.fromConfiguration(conf, ModelLoader.clipModel());
        pipeline.build(env);
        return env.getStreamGraph();
    }

    private static StreamNode node(StreamGraph graph, String uid) {
        return graph.getStreamNodes().stream().filter(n -> uid.equals(n.getTransformationUID())).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + uid));
    }

    private static Object partitioner(StreamGraph graph, String from, String to) {
        int target = node(graph, to).getId();
        return node(graph, from).getOutEdges().stream().filter(e -> e.getTargetId() == target)
                .map(StreamEdge::getPartitioner).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to));
    }

    private static JobVertex vertex(JobGraph graph, String operator) {
        return StreamSupport.stream(graph.getVertices().spliterator(), false)
                .filter(v -> v.getName().contains(operator)).findFirst()
                .orElseThrow(() -> new AssertionError("no vertex with " + operator));
    }
}
