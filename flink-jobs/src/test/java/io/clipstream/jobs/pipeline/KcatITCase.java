package io.clipstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.Modality;
import io.clipstream.schemas.wire.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client this project did not write, kcat (librdkafka), produces the input bytes and reads the
 * results: the wire format and the CloudEvents headers work for any Kafka client. kcat must be
 * installed (Debian package {@code kcat}); without it this test fails.
 */
class KcatITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void kcatProducesInputAndReadsCommittedResults() throws Exception {
        requireKcat();
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "kcat");
        List<String> files = new ArrayList<>();
        for (String[] c : new String[][] {{"cap-k1", "a red square"}, {"cap-k2", "a photo of a dog"}}) {
            Path f = tmp.resolve(c[0] + ".avro");
            Files.write(f, PipelineTestKit.caption(c[0], null, c[1]));
            files.add(f.toString());
        }
        List<String> produce = new ArrayList<>(List.of("kcat", "-P", "-b", kafka.bootstrapServers(),
                "-t", conf.get(SourceOptions.CAPTIONS_TOPIC)));
        produce.addAll(files);
        run(produce);

        new EmbedJob(ClipSources.images(conf, "embed"), ClipSources.captions(conf, "embed"), ClipSinks.embeddings(conf, "embed"),
                ClipSinks.deadLetters(conf, "embed"), conf, PipelineTestKit.clipModel())
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        String topic = conf.get(SinkOptions.EMBEDDINGS_TOPIC);
        String listing = new String(run(List.of("kcat", "-C", "-b", kafka.bootstrapServers(), "-t", topic,
                "-X", "isolation.level=read_committed", "-o", "beginning", "-e", "-f", "%p %o %k %h\\n")), StandardCharsets.UTF_8);
        List<String> lines = listing.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        List<String> ids = new ArrayList<>();
        EventCodec<EmbeddingEvent> codec = EventCodec.of(EmbeddingEvent.class);
        for (String line : lines) {
            String[] f = line.split(" ", 4);
            assertThat(f[3]).contains("ce_specversion=1.0", "ce_type=io.clipstream.embedding.v1",
                    "content-type=application/avro", "ce_source=/clipstream/embed", "ce_id=");
            byte[] value = run(List.of("kcat", "-C", "-b", kafka.bootstrapServers(), "-t", topic, "-p", f[0],
                    "-o", f[1], "-c", "1", "-e", "-f", "%s"));
            EmbeddingEvent e = codec.decode(value);
            assertThat(e.getSourceId().toString()).isEqualTo(f[2]);
            assertThat(e.getModality()).isEqualTo(Modality.TEXT);
            ids.add(f[2]);
        }
        assertThat(ids).containsExactlyInAnyOrder("cap-k1", "cap-k2");
    }

    private static void requireKcat() {
        try {
            Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException | InterruptedException e) {
            // reported below
        }
        fail("kcat is not installed or does not run: this test needs it (Debian/Ubuntu: apt-get install -y kcat)");
    }

    private static byte[] run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("exit status of %s", command).isZero();
        return out;
    }
}
