package io.clipstream.jobs.cli;

import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clipstream produce images DIR | captions FILE | labels FILE}: feeds the input topics. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Writes events to an input topic in the clipstream wire format.",
                "images DIR: every image file of DIR, id = file name without extension, sent inline.",
                "captions FILE: one caption a line: 'text', 'id<TAB>text' or 'id<TAB>key<TAB>text'.",
                "labels FILE: one label a line: 'vocabulary<TAB>label[<TAB>template|template...]';"
                        + " a line starting with '-' deletes the label."})
final class ProduceCommand implements Callable<Integer> {

    /** What to produce. */
    enum Kind { images, captions, labels }

    @Parameters(index = "0", description = "images, captions or labels")
    Kind kind;

    @Parameters(index = "1", paramLabel = "PATH", description = "Folder of images, or a text file.")
    Path path;

    @Option(names = "--key-by-id", description = "images: use the image id as correlation key.")
    boolean keyById;

    @Option(names = "--key", description = "images: correlation key of every image.")
    String key;

    @Option(names = "--vocabulary", description = "images: tagging vocabulary (attribute 'vocabulary').")
    String vocabulary;

    @Option(names = "--no-create-topics", negatable = true, description = "Create missing topics first (default: yes).")
    boolean createTopics = true;

    @Mixin
    PipelineConfig config;

    @Override
    public Integer call() throws Exception {
        Configuration conf = config.toConfiguration();
        if (createTopics) {
            io.clipstream.jobs.runtime.Topics.create(conf.get(SourceOptions.BOOTSTRAP_SERVERS), conf);
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", conf.get(SourceOptions.BOOTSTRAP_SERVERS));
        p.put("enable.idempotence", "true");
        p.put("max.request.size", String.valueOf(16 * 1024 * 1024));
        List<ProducerRecord<byte[], byte[]>> records = switch (kind) {
            case images -> images(conf.get(SourceOptions.IMAGES_TOPIC));
            case captions -> captions(conf.get(SourceOptions.CAPTIONS_TOPIC));
            case labels -> labels(conf.get(SourceOptions.LABELS_TOPIC));
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        System.out.printf("produced %d %s to %s%n", records.size(), kind, records.isEmpty() ? "-" : records.get(0).topic());
        return 0;
    }

    private List<ProducerRecord<byte[], byte[]>> images(String topic) throws Exception {
        EventCodec<ImageEvent> codec = EventCodec.of(ImageEvent.class);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(path)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|gif|bmp|webp)")) {
                    continue;
                }
                String id = name.substring(0, name.lastIndexOf('.'));
                String k = keyById ? id : key;
                ImageEvent.Builder e = ImageEvent.newBuilder().setImageId(id).setKey(k)
                        .setImage(new InlineImage(ByteBuffer.wrap(Files.readAllBytes(f)), null)).setEventTime(Instant.now());
                if (vocabulary != null) {
                    e.setAttributes(java.util.Map.of("vocabulary", vocabulary));
                }
                out.add(new ProducerRecord<>(topic, utf8(id), codec.encode(e.build())));
            }
        }
        return out;
    }

    private List<ProducerRecord<byte[], byte[]>> captions(String topic) throws Exception {
        EventCodec<CaptionEvent> codec = EventCodec.of(CaptionEvent.class);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            n++;
            String[] f = line.split("\t", 3);
            String id = f.length >= 2 ? f[0] : "caption-" + n;
            String k = f.length == 3 ? f[1] : null;
            String text = f[f.length - 1];
            CaptionEvent e = CaptionEvent.newBuilder().setCaptionId(id).setKey(k == null || k.isEmpty() ? null : k)
                    .setText(text).setEventTime(Instant.now()).build();
            out.add(new ProducerRecord<>(topic, utf8(id), codec.encode(e)));
        }
        return out;
    }

    private List<ProducerRecord<byte[], byte[]>> labels(String topic) throws Exception {
        EventCodec<LabelEvent> codec = EventCodec.of(LabelEvent.class);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            boolean delete = line.startsWith("-");
            String[] f = (delete ? line.substring(1) : line).split("\t", 3);
            if (f.length < 2) {
                throw new IllegalArgumentException("expected 'vocabulary<TAB>label': " + line);
            }
            LabelEvent.Builder e = LabelEvent.newBuilder().setVocabulary(f[0]).setLabel(f[1]).setDeleted(delete);
            if (f.length == 3) {
                e.setPromptTemplates(new ArrayList<>(Arrays.asList(f[2].split("\\|"))));
            }
            out.add(new ProducerRecord<>(topic, utf8(ClipSources.labelKey(f[0], f[1])), codec.encode(e.build())));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
