package io.clipstream.jobs.encode;

import io.clipstream.model.ClipEncoder;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A real model behind a decorator that tests extend to observe calls or inject a fault into one
 * call; every number still comes from the real model.
 */
public class ForwardingEncoder implements ClipEncoder {

    private final ClipEncoder model;

    public ForwardingEncoder(ClipEncoder model) {
        this.model = model;
    }

    @Override
    public float[][] encodeImages(List<BufferedImage> images) {
        return model.encodeImages(images);
    }

    @Override
    public float[][] encodePixels(List<float[]> pixels) {
        return model.encodePixels(pixels);
    }

    @Override
    public float[][] encodeTexts(List<String> texts) {
        return model.encodeTexts(texts);
    }

    @Override
    public float[][] encodeTokens(List<long[]> tokens) {
        return model.encodeTokens(tokens);
    }

    @Override
    public boolean onAccelerator() {
        return model.onAccelerator();
    }

    @Override
    public int embeddingDimension() {
        return model.embeddingDimension();
    }

    @Override
    public int imageSize() {
        return model.imageSize();
    }

    @Override
    public float logitScale() {
        return model.logitScale();
    }

    @Override
    public io.clipstream.align.ScoringRule scoring() {
        return model.scoring();
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public void close() {
        model.close();
    }
}
