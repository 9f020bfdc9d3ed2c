package io.clipstream.jobs.cli;

import io.clipstream.preprocess.SyntheticPhotos;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The images of {@code bench pipeline}: the demo's emoji, or COCO-sized photo-like JPEGs, sent
 * inline or by {@code file:} reference (the claim check).
 */
final class BenchWorkload {
    private final String name;
    private final List<byte[]> images;
    private final List<String> uris;

    private BenchWorkload(String name, List<byte[]> images, List<String> uris) {
        this.name = name;
        this.images = images;
        this.uris = uris;
    }

    /** {@code emoji} or {@code photos}; with {@code byReference} the photos are written to a temporary folder. */
    static BenchWorkload of(String workload, boolean byReference) throws IOException {
        List<byte[]> images = new ArrayList<>();
        switch (workload.toLowerCase(Locale.ROOT)) {
            case "emoji" -> DemoData.sample(DemoData.drawn(), 24, 3).forEach(i -> images.add(i.image()));
            case "photos" -> images.addAll(SyntheticPhotos.jpegs(120, 42));
            default -> throw new IllegalArgumentException("unknown workload " + workload + ": emoji or photos");
        }
        List<String> uris = null;
        if (byReference) {
            Path dir = Files.createTempDirectory("clipstream-bench-images");
            dir.toFile().deleteOnExit();
            uris = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "image-%04d", i));
                Files.write(file, images.get(i));
                file.toFile().deleteOnExit();
                uris.add(file.toUri().toString());
            }
        }
        return new BenchWorkload(workload.toLowerCase(Locale.ROOT) + (byReference ? " (file: references)" : " (inline)"),
                images, uris);
    }

    String name() {
        return name;
    }

    /** The encoded images, for the runs without Kafka. */
    List<byte[]> images() {
        return images;
    }

    /** The {@code i}-th image event, cycling through the images. */
    ImageEvent event(int i, String id, String key) {
        int k = i % images.size();
        Object image = uris != null ? new ImageReference(uris.get(k)) : new InlineImage(ByteBuffer.wrap(images.get(k)), null);
        return ImageEvent.newBuilder().setImageId(id).setKey(key).setImage(image).setEventTime(Instant.now()).build();
    }
}
