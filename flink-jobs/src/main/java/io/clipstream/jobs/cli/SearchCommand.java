package io.clipstream.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.index.EmbeddingSearch;
import io.clipstream.jobs.index.IndexOptions;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipModelOptions;
import io.clipstream.preprocess.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clipstream search}: the nearest indexed items to a text or an image. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Encodes a text or an image with the model and prints the nearest items of the vector index with their cosines.")
final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Query {
        @Option(names = "--text", paramLabel = "TEXT", description = "A text query, e.g. \"a red car\".")
        String text;

        @Option(names = "--image", paramLabel = "FILE", description = "An image query.")
        Path image;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    @Option(names = "--k", description = "How many items (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--modality", description = "image, text or all (default: ${DEFAULT-VALUE}).")
    String modality = "image";

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (index.dir).")
    Path dir;

    @Option(names = "--json", description = "One JSON line per item: {\"rank\",\"sourceId\",\"modality\",\"key\",\"cosine\"}.")
    boolean json;

    @Mixin
    PipelineConfig config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Configuration conf = config.toConfiguration();
        Path indexDir = dir != null ? dir : Path.of(conf.get(IndexOptions.DIR));
        Path modelDir = conf.getOptional(EncoderOptions.MODEL_DIR).map(Path::of).orElseGet(ClipModelOptions::defaultModelDir);
        String filter = "all".equalsIgnoreCase(modality) ? null : modality.toUpperCase(Locale.ROOT);
        try (EmbeddingSearch search = EmbeddingSearch.open(indexDir); ClipModel model = ClipModel.load(modelDir)) {
            float[] vector = query.text != null
                    ? model.encodeTexts(List.of(query.text))[0]
                    : model.encodeImages(List.of(ImageDecoder.create().decode(Files.readAllBytes(query.image))))[0];
            List<EmbeddingSearch.Hit> hits = search.nearest(vector, k, filter, conf.get(IndexOptions.SEARCH_CANDIDATES));
            var out = spec.commandLine().getOut();
            if (!json) {
                out.printf(Locale.ROOT, "%d items in %s, model %s%n", search.size(), indexDir, model.modelId());
                out.printf(Locale.ROOT, "%4s  %8s  %-8s  %s%n", "rank", "cosine", "modality", "item");
            }
            int rank = 1;
            for (EmbeddingSearch.Hit h : hits) {
                if (json) {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("rank", rank).put("sourceId", h.sourceId()).put("modality", h.modality()).put("key", h.key())
                            .put("cosine", h.cosine());
                    out.println(JSON.writeValueAsString(n));
                } else {
                    out.printf(Locale.ROOT, "%4d  %8.4f  %-8s  %s%s%n", rank, h.cosine(), h.modality(), h.sourceId(),
                            h.key() == null ? "" : "  (key " + h.key() + ")");
                }
                rank++;
            }
            out.flush();
        }
        return 0;
    }
}
