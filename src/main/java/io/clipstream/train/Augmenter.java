package io.clipstream.train;

import java.util.Random;

/**
 * Image augmentation for contrastive training on small pictures: a random resized crop (area
 * fraction and aspect ratio drawn per image, resampled bilinearly with 2x2 supersampling so a
 * downscale does not alias) followed by colour jitter (brightness, contrast, saturation, a small
 * hue rotation), then the checkpoint's normalisation. No flips: emoji such as arrows change
 * meaning when mirrored.
 */
final class Augmenter {

    private final int size;
    private final double cropScaleMin;
    private final double jitter;
    private final double hueJitter;
    private final float[] mean;
    private final float[] std;

    Augmenter(int size, double cropScaleMin, double jitter, double hueJitter, float[] mean, float[] std) {
        this.size = size;
        this.cropScaleMin = cropScaleMin;
        this.jitter = jitter;
        this.hueJitter = hueJitter;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Augments a channel-first RGB image with values in [0, 1] into normalised channel-first
     * pixels of side {@code size}.
     */
    float[] apply(float[] rgb, int width, int height, Random random) {
        float[] out = crop(rgb, width, height, random);
        jitter(out, random);
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                out[c * plane + i] = (out[c * plane + i] - mean[c]) / std[c];
            }
        }
        return out;
    }

    private float[] crop(float[] rgb, int width, int height, Random random) {
        double area = width * (double) height;
        double cw = width;
        double ch = height;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (cropScaleMin + (1 - cropScaleMin) * random.nextDouble());
            double ratio = Math.exp(Math.log(3.0 / 4) + (Math.log(4.0 / 3) - Math.log(3.0 / 4)) * random.nextDouble());
            double w = Math.sqrt(target * ratio);
            double h = Math.sqrt(target / ratio);
            if (w <= width && h <= height) {
                cw = w;
                ch = h;
                break;
            }
        }
        double x0 = (width - cw) * random.nextDouble();
        double y0 = (height - ch) * random.nextDouble();
        float[] out = new float[3 * size * size];
        int plane = size * size;
        int srcPlane = width * height;
        double step = cw / size;
        double stepY = ch / size;
        for (int oy = 0; oy < size; oy++) {
            for (int ox = 0; ox < size; ox++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int sy = 0; sy < 2; sy++) {
                    for (int sx = 0; sx < 2; sx++) {
                        double fx = x0 + (ox + 0.25 + 0.5 * sx) * step - 0.5;
                        double fy = y0 + (oy + 0.25 + 0.5 * sy) * stepY - 0.5;
                        int ix = (int) Math.floor(fx);
                        int iy = (int) Math.floor(fy);
                        float ax = (float) (fx - ix);
                        float ay = (float) (fy - iy);
                        int x1 = clamp(ix, width);
                        int x2 = clamp(ix + 1, width);
                        int y1 = clamp(iy, height);
                        int y2 = clamp(iy + 1, height);
                        for (int c = 0; c < 3; c++) {
                            int base = c * srcPlane;
                            float top = rgb[base + y1 * width + x1] * (1 - ax) + rgb[base + y1 * width + x2] * ax;
                            float bottom = rgb[base + y2 * width + x1] * (1 - ax) + rgb[base + y2 * width + x2] * ax;
                            float v = top * (1 - ay) + bottom * ay;
                            if (c == 0) {
                                r += v;
                            } else if (c == 1) {
                                g += v;
                            } else {
                                b += v;
                            }
                        }
                    }
                }
                int i = oy * size + ox;
                out[i] = r / 4;
                out[plane + i] = g / 4;
                out[2 * plane + i] = b / 4;
            }
        }
        return out;
    }

    private void jitter(float[] px, Random random) {
        if (jitter <= 0 && hueJitter <= 0) {
            return;
        }
        float brightness = factor(random);
        float contrast = factor(random);
        float saturation = factor(random);
        double hue = (random.nextDouble() * 2 - 1) * hueJitter * 2 * Math.PI;
        int plane = size * size;
        double meanGray = 0;
        for (int i = 0; i < plane; i++) {
            meanGray += 0.299 * px[i] + 0.587 * px[plane + i] + 0.114 * px[2 * plane + i];
        }
        float m = (float) (meanGray / plane) * brightness;
        float cosH = (float) Math.cos(hue);
        float sinH = (float) Math.sin(hue);
        for (int i = 0; i < plane; i++) {
            float r = px[i] * brightness;
            float g = px[plane + i] * brightness;
            float b = px[2 * plane + i] * brightness;
            r = m + (r - m) * contrast;
            g = m + (g - m) * contrast;
            b = m + (b - m) * contrast;
            float gray = 0.299f * r + 0.587f * g + 0.114f * b;
            r = gray + (r - gray) * saturation;
            g = gray + (g - gray) * saturation;
            b = gray + (b - gray) * saturation;
            // hue: rotate the chroma plane of YIQ
            float y = 0.299f * r + 0.587f * g + 0.114f * b;
            float ci = 0.596f * r - 0.274f * g - 0.322f * b;
            float cq = 0.211f * r - 0.523f * g + 0.312f * b;
            float i2 = ci * cosH - cq * sinH;
            float q2 = ci * sinH + cq * cosH;
            px[i] = clamp01(y + 0.956f * i2 + 0.621f * q2);
            px[plane + i] = clamp01(y - 0.272f * i2 - 0.647f * q2);
            px[2 * plane + i] = clamp01(y - 1.106f * i2 + 1.703f * q2);
        }
    }

    private float factor(Random random) {
        return (float) (1 + (random.nextDouble() * 2 - 1) * jitter);
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
