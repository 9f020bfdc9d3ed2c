package io.clipstream.jobs.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.jobs.index.EmbeddingSearch;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.preprocess.fetch.ImageFetcher;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.flink.annotation.Internal;

/**
 * The web view's HTTP server (Javalin): the page from the class path folder {@code /view}, the
 * live events at {@code /api/stream} (server-sent events: a {@code snapshot}, then {@code match},
 * {@code tag}, {@code deadletter} and {@code health}), thumbnails by image id, the score call and
 * index search.
 *
 * <pre>{@code
 * try (ViewServer view = ViewServer.builder().setKafka(props).setTopics(topics).setModelDir(dir).start()) {
 *     System.out.println(view.url());
 * }
 * }</pre>
 */
@Internal
public final class ViewServer implements AutoCloseable {
    private final Javalin app;
    private final TopicFeed feed;
    private final HealthProbe health;
    private final TryIt tryIt;
    private final String url;

    private ViewServer(Builder b) {
        ImageDecoder decoder = ImageDecoder.create(b.limits);
        Thumbnails thumbnails = new Thumbnails(decoder, ImageFetcher.standard(b.fetch), b.maxThumbnails);
        ViewState state = new ViewState(thumbnails);
        this.tryIt = new TryIt(b.modelDir, decoder);
        this.feed = new TopicFeed(b.kafka, b.topics, b.history, state, thumbnails);
        this.health = new HealthProbe(state, b.kafka, b.group, List.of(b.topics.images(), b.topics.captions()), b.flinkRest);
        Path indexDir = b.indexDir;
        long maxUpload = b.limits.maxBytes() + (1 << 20);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/view";
                sf.location = Location.CLASSPATH;
            });
            cfg.http.maxRequestSize = maxUpload;
            cfg.jetty.multipartConfig.maxFileSize(maxUpload, io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(maxUpload, io.javalin.config.SizeUnit.BYTES);
        });
        app.sse("/api/stream", client -> {
            client.keepAlive();
            BiConsumer<String, String> listener = (name, json) -> {
                synchronized (client) {
                    client.sendEvent(name, json);
                }
            };
            synchronized (client) {
                client.sendEvent("snapshot", state.snapshot().put("search", indexDir != null && Files.isDirectory(indexDir)).toString());
            }
            state.listen(listener);
            client.onClose(() -> state.unlisten(listener));
        });
        // by query parameter: image ids may hold any character, a slash too
        app.get("/api/thumb", ctx -> thumbnails.png(String.valueOf(ctx.queryParam("id"))).ifPresentOrElse(
                png -> ctx.contentType("image/png").header("Cache-Control", "max-age=3600").result(png),
                () -> ctx.status(404).result("no such image")));
        app.post("/api/score", ctx -> score(ctx));
        app.get("/api/search", ctx -> search(ctx, indexDir, thumbnails));
        app.start(b.host, b.port);
        this.url = "http://" + (b.host.contains(":") ? "[" + b.host + "]" : b.host) + ":" + app.port() + "/";
        feed.start();
        health.start();
    }

    private void score(Context ctx) {
        UploadedFile file = ctx.uploadedFile("image");
        List<String> texts = ctx.formParams("text").stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (file == null || texts.isEmpty()) {
            ctx.status(400).contentType("application/json").result(error("an image and at least one text"));
            return;
        }
        try (InputStream in = file.content()) {
            ArrayNode result = tryIt.score(in.readAllBytes(), texts);
            ctx.contentType("application/json").result(result.toString());
        } catch (ImageRejectedException | IllegalArgumentException e) {
            ctx.status(422).contentType("application/json").result(error(e.getMessage()));
        } catch (java.io.IOException e) {
            ctx.status(400).contentType("application/json").result(error(e.getMessage()));
        }
    }

    private void search(Context ctx, Path indexDir, Thumbnails thumbnails) throws Exception {
        String q = ctx.queryParam("q");
        int k = Math.max(1, Math.min(50, ctx.queryParamAsClass("k", Integer.class).getOrDefault(12)));
        if (q == null || q.isBlank()) {
            ctx.status(400).contentType("application/json").result(error("q is empty"));
            return;
        }
        if (indexDir == null || !Files.isDirectory(indexDir)) {
            ctx.status(404).contentType("application/json").result(error("no index (build one with 'clipstream index')"));
            return;
        }
        float[] vector = tryIt.model().encodeTexts(List.of(q.strip()))[0];
        ArrayNode out = ViewState.JSON.createArrayNode();
        try (EmbeddingSearch search = EmbeddingSearch.open(indexDir)) {
            for (EmbeddingSearch.Hit h : search.nearest(vector, k, "IMAGE")) {
                out.addObject().put("sourceId", h.sourceId()).put("key", h.key()).put("cosine", h.cosine())
                        .put("thumb", thumbnails.has(h.sourceId()));
            }
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private static String error(String message) {
        ObjectNode n = ViewState.JSON.createObjectNode();
        n.put("error", message);
        return n.toString();
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return url;
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() throws Exception {
        try {
            app.stop();
            health.close();
            feed.close();
        } finally {
            tryIt.close();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a view; {@code setKafka}, {@code setTopics} and {@code setModelDir} are required. */
    public static final class Builder {
        private Properties kafka;
        private TopicFeed.Topics topics;
        private Path modelDir;
        private String group; // null: the jobs' own default groups
        private String host = "127.0.0.1";
        private int port = 8080;
        private int history = 200;
        private int maxThumbnails = 1000;
        private String flinkRest;
        private Path indexDir;
        private ImageLimits limits = ImageLimits.defaults();
        private FetchOptions fetch = FetchOptions.defaults();

        private Builder() {}

        /** Kafka client properties (bootstrap servers and any security settings). */
        public Builder setKafka(Properties kafka) {
            this.kafka = kafka;
            return this;
        }

        public Builder setTopics(String images, String captions, String matches, String tags, String deadLetters) {
            this.topics = new TopicFeed.Topics(images, captions, matches, tags, deadLetters);
            return this;
        }

        public Builder setModelDir(Path modelDir) {
            this.modelDir = modelDir;
            return this;
        }

        /**
         * The pipeline's consumer group, whose lag on the input topics the health charts show; null
         * (the default) shows the largest lag of the jobs' default groups ({@code clipstream-<job>}).
         */
        public Builder optGroup(String group) {
            this.group = group;
            return this;
        }

        public Builder optAddress(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder optHistory(int history) {
            this.history = history;
            return this;
        }

        public Builder optMaxThumbnails(int maxThumbnails) {
            this.maxThumbnails = maxThumbnails;
            return this;
        }

        public Builder optFlinkRest(String flinkRest) {
            this.flinkRest = flinkRest;
            return this;
        }

        public Builder optIndexDir(Path indexDir) {
            this.indexDir = indexDir;
            return this;
        }

        /** The pipeline's image limits and fetch settings, for thumbnails and uploads. */
        public Builder optImages(ImageLimits limits, FetchOptions fetch) {
            this.limits = limits;
            this.fetch = fetch;
            return this;
        }

        /** Starts the server, the topic reader and the health probe. */
        public ViewServer start() {
            if (kafka == null || topics == null || modelDir == null) {
                throw new IllegalStateException("kafka, topics and modelDir are required");
            }
            if (history < 0 || maxThumbnails < 1) {
                throw new IllegalArgumentException("history >= 0 and maxThumbnails >= 1");
            }
            return new ViewServer(this);
        }
    }
}
