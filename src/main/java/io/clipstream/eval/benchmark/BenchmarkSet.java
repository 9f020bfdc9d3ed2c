package io.clipstream.eval.benchmark;

import java.nio.file.Path;
import java.util.List;

/**
 * Images and their captions in the layout every retrieval benchmark reduces to: caption {@code c}
 * describes image {@code captionImage[c]}.
 *
 * @param name what the set is, e.g. {@code coco-karpathy-test}
 * @param images image files, in the order of the source file
 * @param captions every caption, grouped by image
 * @param captionImage index into {@code images} of each caption's image
 */
public record BenchmarkSet(String name, List<Path> images, List<String> captions, int[] captionImage) {

    public BenchmarkSet {
        images = List.copyOf(images);
        captions = List.copyOf(captions);
        if (captionImage.length != captions.size()) {
            throw new IllegalArgumentException("one image index per caption expected");
        }
    }
}
