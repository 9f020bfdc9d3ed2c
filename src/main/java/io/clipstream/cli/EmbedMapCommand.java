package io.clipstream.cli;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.embedmap.EmbeddingMap;
import io.clipstream.embedmap.EmbeddingMapWriter;
import io.clipstream.embedmap.Projection;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipModelOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipstream embed-map}: a 2-D map of a dataset's image and text embeddings. */
@Command(name = "embed-map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Map a dataset's images and their captions into 2-D (UMAP, or PCA) with one model:",
            "an interactive embed-map.html (hover: caption and thumbnail) and embed-map.png in --out."})
public final class EmbedMapCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    /** How to project. */
    public enum Method { umap, pca }

    @Option(names = "--model", description = "Model folder; default: the bundled model.")
    Path model;

    @Option(names = "--dataset", required = true, description = "Dataset folder (captions.jsonl + images); each image's label is its text.")
    Path dataset;

    @Option(names = "--out", required = true, description = "Folder for embed-map.html and embed-map.png.")
    Path out;

    @Option(names = "--method", description = "umap or pca (default: ${DEFAULT-VALUE}; UMAP falls back to PCA on tiny sets and says so).")
    Method method = Method.umap;

    @Option(names = "--neighbours", description = "UMAP nearest neighbours (default: ${DEFAULT-VALUE}).")
    int neighbours = 15;

    @Option(names = "--limit", description = "Most dataset entries mapped, evenly spaced (default: ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Option(names = "--seed", description = "Seed of the UMAP layout (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Override
    public Integer call() throws Exception {
        return CliErrors.run(spec.commandLine(), () -> {
            CaptionDataset data = CaptionDataset.load(dataset);
            System.err.println("dataset " + dataset + ": " + data.report());
            Projection projection = method == Method.umap ? Projection.umap(neighbours, seed) : Projection.pca();
            EmbeddingMap map;
            try (ClipModel clip = ClipModel.load(model != null ? model : ClipModelOptions.defaultModelDir())) {
                map = EmbeddingMap.of(clip, data, limit, projection, 64);
            }
            EmbeddingMapWriter.write(map, out);
            System.out.printf(Locale.ROOT, "%d items mapped by %s; modality gap %.4f%n", map.points().size() / 2, map.projection(), map.modalityGap());
            System.out.println("wrote " + out.resolve(EmbeddingMapWriter.HTML) + " and " + out.resolve(EmbeddingMapWriter.PNG));
            return 0;
        });
    }
}
