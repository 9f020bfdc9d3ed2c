package io.clipstream.jobs.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.jobs.cli.Main;
import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.index.EmbeddingIndex;
import io.clipstream.jobs.index.EmbeddingIndexer;
import io.clipstream.jobs.pipeline.MatchJob;
import io.clipstream.jobs.pipeline.TagJob;
import io.clipstream.jobs.match.MatchOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium) against a running demo-like pipeline: in-process broker, MiniCluster, the
 * match job with the bundled model, held-out emoji and their names fed in keyed groups, plus two
 * bad records. Waits for the first match row with a thumbnail and for the dead-letter count, uses
 * "try it" with an image and three texts and checks the probabilities shown against
 * {@code score --json} for the same inputs, and saves a screenshot under {@code target/}.
 */
class ViewBrowserITCase {
    private static final Path DEMO = Path.of("src", "main", "resources", "demo");
    private static final Path MODEL = Path.of("..", "models", "clipstream-emoji-small").toAbsolutePath().normalize();
    static final Path SCREENSHOT = Path.of("target", "view-screenshot.png");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
            .setConfiguration(restartNone()).build());

    @TempDir
    Path tmp;

    private static Configuration restartNone() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    @Test
    void showsMatchesDeadLettersAndScoresLikeTheCommandLine() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = Topics.withPrefix(new Configuration(), kafka.bootstrapServers(), "view.");
            conf.set(EncoderOptions.MODEL_DIR, MODEL.toString());
            conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
            conf.set(MatchOptions.POLICY, "one-to-one");
            conf.set(JobOptions.EMIT_EMBEDDINGS, true);
            Topics.create(kafka.bootstrapServers(), conf);
            labels(kafka, conf);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            JobClient job = MatchJob.fromConfiguration(conf, ModelLoader.clipModel()).executeAsync(env);
            Configuration tagConf = new Configuration(conf);
            tagConf.set(SourceOptions.GROUP_ID, "view.tag-group");
            tagConf.set(JobOptions.EMIT_EMBEDDINGS, false);
            JobClient tagJob = TagJob.fromConfiguration(tagConf, ModelLoader.clipModel()).executeAsync(env);
            Path indexDir = tmp.resolve("index");
            EmbeddingIndex index = EmbeddingIndex.open(indexDir, 16, 100);
            EmbeddingIndexer indexer = new EmbeddingIndexer(index, kafka.clientProperties(), conf.get(SinkOptions.EMBEDDINGS_TOPIC),
                    Duration.ofMillis(200));
            Thread indexing = new Thread(() -> {
                try {
                    indexer.run(null);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "indexer");
            indexing.start();
            Configuration rest = FLINK.getClientConfiguration();
            String flinkRest = "http://" + rest.get(RestOptions.ADDRESS) + ":" + rest.get(RestOptions.PORT);
            Properties kafkaProps = kafka.clientProperties();
            try (ViewServer view = ViewServer.builder().setKafka(kafkaProps)
                    .setTopics(conf.get(SourceOptions.IMAGES_TOPIC), conf.get(SourceOptions.CAPTIONS_TOPIC),
                            conf.get(SinkOptions.MATCHES_TOPIC), conf.get(SinkOptions.TAGS_TOPIC), conf.get(DeadLetterOptions.TOPIC))
                    .setModelDir(MODEL).optGroup(conf.get(SourceOptions.GROUP_ID)).optAddress("127.0.0.1", 0)
                    .optFlinkRest(flinkRest).optIndexDir(indexDir).start()) {
                feed(kafka, conf);
                ChromeDriver driver = chrome();
                try {
                    driver.manage().window().setSize(new Dimension(1440, 1560));
                    driver.get(view.url());
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(180), Duration.ofMillis(250));
                    wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                            "const img = document.querySelector('#matches tbody tr img.thumb');"
                                    + "return !!img && img.complete && img.naturalWidth > 0;"));
                    wait.until(d -> Integer.parseInt(d.findElement(By.id("dl-total")).getText().trim()) >= 2);
                    assertThat(driver.findElements(By.cssSelector("#dl-counts .b"))).isNotEmpty();

                    Path image = DEMO.resolve("1f406.png").toAbsolutePath();
                    List<String> texts = List.of("leopard", "maple leaf", "tropical fish");
                    driver.findElement(By.id("try-file")).sendKeys(image.toString());
                    WebElement box = driver.findElement(By.id("try-texts"));
                    box.clear();
                    box.sendKeys(String.join("\n", texts));
                    driver.findElement(By.id("try-run")).click();
                    wait.until(d -> "true".equals(d.findElement(By.id("try-results")).getAttribute("data-done")));
                    List<WebElement> shown = driver.findElements(By.cssSelector("#try-results .result"));
                    List<JsonNode> expected = scoreJson(image, texts);
                    assertThat(shown).hasSize(3);
                    for (int i = 0; i < 3; i++) {
                        assertThat(shown.get(i).getAttribute("data-text")).isEqualTo(texts.get(i));
                        assertThat(Double.parseDouble(shown.get(i).getAttribute("data-probability")))
                                .as("probability of '%s'", texts.get(i))
                                .isCloseTo(expected.get(i).get("probability").asDouble(), within(1e-5));
                        assertThat(Double.parseDouble(shown.get(i).getAttribute("data-cosine")))
                                .isCloseTo(expected.get(i).get("cosine").asDouble(), within(1e-5));
                    }
                    wait.until(d -> !d.findElements(By.cssSelector("#tags .tag-item .chip")).isEmpty());
                    // search box: the index of the emitted embeddings finds the leopard by its name
                    WebElement query = driver.findElement(By.id("search-q"));
                    query.sendKeys("leopard");
                    wait.until(d -> {
                        d.findElement(By.cssSelector("#search-form button")).click();
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return d.findElements(By.cssSelector("#search-results .hit b")).stream().limit(5)
                                .anyMatch(b -> b.getText().equals("1f406"));
                    });
                    // health samples with the encoder's metrics from Flink's REST API, then the picture
                    wait.until(d -> !d.findElement(By.cssSelector(".kpi[data-metric=batchSize] .value")).getText().startsWith("n/a"));
                    Thread.sleep(4 * HealthProbe.PERIOD_MS);
                    Files.createDirectories(SCREENSHOT.getParent());
                    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    driver.quit();
                }
            } finally {
                indexer.stop();
                indexing.join(10_000);
                index.close();
                tagJob.cancel().get();
                job.cancel().get();
            }
        }
    }

    private ChromeDriver chrome() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"), "--window-size=1440,1560");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** What {@code clipstream score --json} prints for the same inputs, one node per text. */
    private static List<JsonNode> scoreJson(Path image, List<String> texts) throws Exception {
        List<String> args = new ArrayList<>(List.of("score", "--json", "--model", MODEL.toString(), "--image", image.toString()));
        for (String t : texts) {
            args.add("--text");
            args.add(t);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var cli = Main.commandLine();
        cli.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        assertThat(cli.execute(args.toArray(String[]::new))).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    /** The names of all held-out emoji as the default vocabulary of the tag job. */
    private static void labels(EmbeddedKafka kafka, Configuration conf) throws Exception {
        EventCodec<LabelEvent> codec = EventCodec.of(LabelEvent.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String line : Files.readAllLines(DEMO.resolve("captions.tsv"))) {
                if (!line.startsWith("#") && line.contains("\t")) {
                    String label = line.split("\t")[1];
                    producer.send(new ProducerRecord<>(conf.get(SourceOptions.LABELS_TOPIC), ("default/" + label).getBytes(StandardCharsets.UTF_8),
                            codec.encode(LabelEvent.newBuilder().setVocabulary("default").setLabel(label)
                                    .setPromptTemplates(List.of("{}")).build())));
                }
            }
            producer.flush();
        }
    }

    /** The held-out emoji with their names, in keyed groups of four, and two records the pipeline refuses. */
    private static void feed(EmbeddedKafka kafka, Configuration conf) throws Exception {
        List<String[]> items = new ArrayList<>();
        for (String line : Files.readAllLines(DEMO.resolve("captions.tsv"))) {
            if (!line.startsWith("#") && line.contains("\t")) {
                items.add(line.split("\t"));
            }
        }
        EventCodec<ImageEvent> images = EventCodec.of(ImageEvent.class);
        EventCodec<CaptionEvent> captions = EventCodec.of(CaptionEvent.class);
        String imageTopic = conf.get(SourceOptions.IMAGES_TOPIC);
        String captionTopic = conf.get(SourceOptions.CAPTIONS_TOPIC);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < Math.min(16, items.size()); i++) {
                String file = items.get(i)[0];
                String id = file.substring(0, file.lastIndexOf('.'));
                String key = "g" + i / 4;
                byte[] k = key.getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(captionTopic, k, captions.encode(CaptionEvent.newBuilder()
                        .setCaptionId("c:" + id).setKey(key).setText(items.get(i)[1]).setEventTime(Instant.now()).build())));
                producer.send(new ProducerRecord<>(imageTopic, k, images.encode(ImageEvent.newBuilder().setImageId(id).setKey(key)
                        .setImage(new InlineImage(ByteBuffer.wrap(Files.readAllBytes(DEMO.resolve(file))), "image/png"))
                        .setEventTime(Instant.now()).build())));
            }
            producer.send(new ProducerRecord<>(imageTopic, "not avro at all".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(captionTopic, captions.encode(CaptionEvent.newBuilder()
                    .setCaptionId("c:empty").setText("").setEventTime(Instant.now()).build())));
            producer.flush();
        }
    }
}
