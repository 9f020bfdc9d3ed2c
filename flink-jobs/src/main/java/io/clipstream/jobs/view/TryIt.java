package io.clipstream.jobs.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.clipstream.align.Similarity;
import io.clipstream.model.ClipModel;
import io.clipstream.preprocess.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The page's "try it": the {@code score} call (cosine of the image and each text, and the
 * probability {@code softmax(logitScale * cosine)} over the texts) with the pipeline's model,
 * loaded once in the background, and the pipeline's image limits.
 */
final class TryIt implements AutoCloseable {
    private final CompletableFuture<ClipModel> model;
    private final ImageDecoder decoder;

    TryIt(Path modelDir, ImageDecoder decoder) {
        this.decoder = decoder;
        this.model = CompletableFuture.supplyAsync(() -> ClipModel.load(modelDir));
    }

    /** The model, waiting for it to load; throws when it could not be loaded. */
    ClipModel model() {
        return model.join();
    }

    /** One {@code {text, cosine, probability}} per text, in order. */
    ArrayNode score(byte[] image, List<String> texts) {
        BufferedImage decoded = decoder.decode(image);
        ClipModel m = model();
        float[] imageVector = m.encodeImages(List.of(decoded))[0];
        float[][] textVectors = m.encodeTexts(texts);
        float[] cosines = new float[texts.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = Similarity.cosine(imageVector, textVectors[i]);
        }
        float[] probabilities = Similarity.probabilities(m.logitScale(), cosines);
        ArrayNode out = ViewState.JSON.createArrayNode();
        for (int i = 0; i < cosines.length; i++) {
            out.addObject().put("text", texts.get(i)).put("cosine", cosines[i]).put("probability", probabilities[i]);
        }
        return out;
    }

    @Override
    public void close() {
        model.thenAccept(ClipModel::close);
    }
}
