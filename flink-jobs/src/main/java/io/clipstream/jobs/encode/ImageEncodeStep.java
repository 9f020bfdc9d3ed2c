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
 * captions, all their captions in one {@code encodeTexts} call.
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
        if (image.candidateCaptions != null) {
            for (String caption : image.candidateCaptions) {
                if (caption == null || caption.isBlank()) {
                    return DeadLetters.refusal(image.provenance, Stage.ENCODE, DeadLetterReason.EMPTY_CAPTION,
                            image.id, "a candidate caption is empty");
                }
            }
        }
        return null;
    }

    @Override
    public List<EncodedImage> encode(ClipEncoder model, List<ImageToEncode> batch) {
        List<float[]> pixels = new ArrayList<>(batch.size());
        List<String> captions = new ArrayList<>();
        for (ImageToEncode image : batch) {
            pixels.add(image.pixels);
            if (image.candidateCaptions != null) {
                captions.addAll(image.candidateCaptions);
            }
        }
        float[][] vectors = model.encodePixels(pixels);
        float[][] captionVectors = captions.isEmpty() ? new float[0][] : model.encodeTexts(captions);
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
