package io.clipstream.jobs.encode;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a batch of images in one {@code encodePixels} call and, when images carry candidate
 * captions, all their captions (tokenised in the image stage) in one {@code encodeTokens} call.
 */
final class ImageEncodeStep implements EncodeStep<ImageToEncode, EncodedImage> {

    static final String STAGE = "encode-images";
    private static final long serialVersionUID = 1L;

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public DeadLetterEvent validate(ClipEncoder model, ImageToEncode image) {
        int size = model.imageSize();
        int expected = 3 * size * size;
        if (image.pixels == null || image.pixels.length != expected) {
            return DeadLetters.refusal(image.provenance, Stage.ENCODE, DeadLetterReason.IMAGE_CORRUPT, image.id,
                    "expected " + expected + " pixel values (3x" + size + "x" + size + "), got "
                            + (image.pixels == null ? "none" : image.pixels.length));
        }
        int candidates = image.candidateCaptions == null ? 0 : image.candidateCaptions.size();
        int tokenised = image.candidateTokens == null ? 0 : image.candidateTokens.size();
        if (tokenised != candidates) {
            return DeadLetters.refusal(image.provenance, Stage.ENCODE, DeadLetterReason.EMPTY_CAPTION, image.id,
                    candidates + " candidate captions but " + tokenised + " with token ids (the image stage tokenises them)");
        }
        for (int i = 0; i < tokenised; i++) {
            int[] tokens = image.candidateTokens.get(i);
            if (tokens == null || tokens.length == 0) {
                return DeadLetters.refusal(image.provenance, Stage.ENCODE, DeadLetterReason.EMPTY_CAPTION, image.id,
                        "candidate caption " + i + " has no token ids");
            }
        }
        return null;
    }

    @Override
    public List<EncodedImage> encode(ClipEncoder model, List<ImageToEncode> batch) {
        List<float[]> pixels = new ArrayList<>(batch.size());
        List<long[]> captions = new ArrayList<>();
        for (ImageToEncode image : batch) {
            pixels.add(image.pixels);
            if (image.candidateTokens != null) {
                for (int[] tokens : image.candidateTokens) {
                    captions.add(TokenRows.of(tokens));
                }
            }
        }
        float[][] vectors = model.encodePixels(pixels);
        float[][] captionVectors = captions.isEmpty() ? new float[0][] : model.encodeTokens(captions);
        List<EncodedImage> out = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            EncodedImage encoded = EncodedImage.of(batch.get(i), vectors[i], model.modelId(), model.scoring());
            for (int c = 0; c < encoded.candidateCaptions.size(); c++) {
                encoded.candidateVectors.add(captionVectors[next++]);
            }
            out.add(encoded);
        }
        return out;
    }

    @Override
    public DeadLetterEvent failed(ImageToEncode image, Exception error) {
        return DeadLetters.refusal(image.provenance, Stage.ENCODE, DeadLetterReason.ENCODE_FAILED, image.id,
                String.valueOf(error));
    }

    @Override
    public Timings timings(EncodedImage output) {
        return output.timings;
    }
}
