package io.clipstream.jobs.encode;

import io.clipstream.jobs.record.EncodedImage;
import io.clipstream.jobs.record.ImageToEncode;
import io.clipstream.jobs.record.RejectReason;
import io.clipstream.jobs.record.Rejected;
import io.clipstream.jobs.record.Timings;
import io.clipstream.model.ClipEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a batch of images in one {@code encodePixels} call and, when images carry candidate
 * captions, all their captions in one {@code encodeTexts} call.
 */
final class ImageEncodeFunction implements EncodeFunction<ImageToEncode, EncodedImage> {

    static final String STAGE = "encode-images";
    private static final long serialVersionUID = 1L;

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public Rejected validate(ClipEncoder model, ImageToEncode image) {
        int size = model.imageSize();
        int expected = 3 * size * size;
        if (image.pixels == null || image.pixels.length != expected) {
            return new Rejected(STAGE, RejectReason.INVALID_PIXELS,
                    "expected " + expected + " pixel values (3x" + size + "x" + size + "), got "
                            + (image.pixels == null ? "none" : image.pixels.length),
                    image.id, image.provenance);
        }
        if (image.candidateCaptions != null) {
            for (String caption : image.candidateCaptions) {
                if (caption == null || caption.isBlank()) {
                    return new Rejected(STAGE, RejectReason.EMPTY_TEXT, "a candidate caption is empty", image.id,
                            image.provenance);
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
    public Rejected failed(ImageToEncode image, Exception error) {
        return new Rejected(STAGE, RejectReason.ENCODE_FAILED, String.valueOf(error), image.id, image.provenance);
    }

    @Override
    public Timings timings(EncodedImage output) {
        return output.timings;
    }
}
