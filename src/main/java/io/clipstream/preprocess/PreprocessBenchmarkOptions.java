package io.clipstream.preprocess;

import java.nio.file.Path;

/**
 * What {@link PreprocessBenchmark} measures: the photos, how long, on how many threads, in which
 * mode. Plain fields with their defaults; the flags of {@code clipstream bench preprocess} fill them.
 */
public final class PreprocessBenchmarkOptions {
    /** {@code --images}: folder of photos (JPEG, PNG, ...); {@code null}: COCO-sized synthetic JPEGs. */
    public Path images;

    /** {@code --count}: synthetic photos when {@link #images} is not given. */
    public int count = 200;

    /** {@code --save-photos}: also write the synthetic photos to this folder (for other tools to read the same files). */
    public Path savePhotos;

    /** {@code --seconds}: measured seconds per figure, after a warm-up. */
    public double seconds = 8;

    /** {@code --threads}: thread counts to measure. */
    public int[] threads = {1, 2};

    /** {@code --config}: a preprocessor_config.json; {@code null}: the {@link #model}'s, else CLIP's (224, bicubic). */
    public Path config;

    /** {@code --mode}: exact (bit-exact with Pillow) or fast (reduced decoding). */
    public String mode = "exact";

    /** {@code --jpeg-decoder}: how JPEGs are decoded (auto, turbojpeg or imageio). */
    public String jpegDecoder = "auto";

    /** {@code --model}: with mode fast, the model whose embeddings of fast and exact pixels are compared (drift). */
    public Path model;
}
