package io.clipstream.jobs.cli;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.index.IndexOptions;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.jobs.source.KafkaClientProperties;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.jobs.view.ViewOptions;
import io.clipstream.jobs.view.ViewServer;
import io.clipstream.model.ClipModelOptions;
import io.clipstream.preprocess.ImageLimits;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clipstream view}: the live web page of a running pipeline. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Serves a live web page of the pipeline: matches, tags, dead letters, health charts,"
                + " a 'try it' score box and index search; reads the output topics read_committed."})
final class ViewCommand implements Callable<Integer> {

    @Mixin
    PipelineConfig config;

    @Option(names = "--port", description = "HTTP port (view.port; 0 picks a free one).")
    Integer port;

    @Option(names = "--flink-rest", paramLabel = "URL", description = "Flink REST address for the encoder metrics (view.flink-rest).")
    String flinkRest;

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder for the search box (index.dir).")
    Path index;

    @Override
    public Integer call() throws Exception {
        Configuration conf = config.toConfiguration();
        if (port != null) {
            conf.set(ViewOptions.PORT, port);
        }
        if (flinkRest != null) {
            conf.set(ViewOptions.FLINK_REST, flinkRest);
        }
        if (index != null) {
            conf.set(IndexOptions.DIR, index.toString());
        }
        try (ViewServer view = start(conf)) {
            System.out.println("view: " + view.url() + " (Ctrl-C to stop)");
            System.out.flush();
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
            forever.await();
        }
        return 0;
    }

    /** A view of the pipeline this configuration describes; the demo starts one the same way. */
    static ViewServer start(Configuration conf) {
        Properties kafka = KafkaClientProperties.from(conf);
        kafka.put("bootstrap.servers", conf.get(SourceOptions.BOOTSTRAP_SERVERS));
        Path model = conf.getOptional(EncoderOptions.MODEL_DIR).map(Path::of).orElseGet(ClipModelOptions::defaultModelDir);
        ImageLimits limits = ImageLimits.builder().optMaxBytes(conf.get(ImageOptions.MAX_BYTES))
                .optMaxPixels(conf.get(ImageOptions.MAX_PIXELS)).build();
        return ViewServer.builder().setKafka(kafka)
                .setTopics(conf.get(SourceOptions.IMAGES_TOPIC), conf.get(SourceOptions.CAPTIONS_TOPIC),
                        conf.get(SinkOptions.MATCHES_TOPIC), conf.get(SinkOptions.TAGS_TOPIC), conf.get(DeadLetterOptions.TOPIC))
                .setModelDir(model)
                .optGroup(conf.getOptional(SourceOptions.GROUP_ID).orElse(null))
                .optAddress(conf.get(ViewOptions.BIND_ADDRESS), conf.get(ViewOptions.PORT))
                .optHistory(conf.get(ViewOptions.HISTORY))
                .optMaxThumbnails(conf.get(ViewOptions.MAX_THUMBNAILS))
                .optFlinkRest(conf.getOptional(ViewOptions.FLINK_REST).orElse(null))
                .optIndexDir(Path.of(conf.get(IndexOptions.DIR)))
                .optImages(limits, ImageOptions.fetchOptions(conf))
                .start();
    }
}
