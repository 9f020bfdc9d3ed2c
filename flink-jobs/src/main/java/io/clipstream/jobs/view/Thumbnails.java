package io.clipstream.jobs.view;

import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.fetch.ImageFetcher;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Thumbnails of the images the view has seen on the images topic, by image id. Only images named
 * by an image event are ever served: inline bytes, or the event's {@code file:}/{@code http(s)}
 * reference fetched with the pipeline's fetcher under its limits and allow-list; a request names
 * an image id, never a path. Each is decoded under the pipeline's image limits and re-encoded as a
 * small PNG, so what reaches the browser is always a picture. Bounded: least recently seen first out.
 */
final class Thumbnails {
    static final int SIZE = 96;
    /** Inline images larger than this are not kept; their thumbnail is made at once instead. */
    private static final int KEEP_INLINE_BYTES = 256 * 1024;

    private final ImageDecoder decoder;
    private final ImageFetcher fetcher;
    private final Map<String, Object> sources;

    Thumbnails(ImageDecoder decoder, ImageFetcher fetcher, int capacity) {
        this.decoder = decoder;
        this.fetcher = fetcher;
        this.sources = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers where the image of this event is (or its thumbnail, for a large inline image). */
    synchronized void add(ImageEvent event) {
        String id = event.getImageId().toString();
        Object image = event.getImage();
        if (image instanceof InlineImage inline) {
            ByteBuffer data = inline.getData().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sources.put(id, bytes.length <= KEEP_INLINE_BYTES ? new Raw(bytes) : thumbnailOrNone(bytes));
        } else if (image instanceof ImageReference ref) {
            sources.put(id, URI.create(ref.getUri().toString()));
        }
    }

    /** Whether a thumbnail can be asked for. */
    synchronized boolean has(String imageId) {
        return sources.containsKey(imageId);
    }

    /** The PNG thumbnail of a seen image; empty when the id is unknown or the image is refused. */
    Optional<byte[]> png(String imageId) {
        Object source;
        synchronized (this) {
            source = sources.get(imageId);
        }
        byte[] png;
        if (source instanceof Png p) {
            return Optional.of(p.bytes);
        } else if (source instanceof Raw raw) {
            png = thumbnailOrNone(raw.bytes).bytes;
        } else if (source instanceof URI uri) {
            try {
                png = thumbnailOrNone(fetcher.fetch(uri)).bytes;
            } catch (RuntimeException e) {
                png = null;
            }
        } else {
            return Optional.empty();
        }
        synchronized (this) {
            if (sources.containsKey(imageId)) {
                sources.put(imageId, new Png(png));
            }
        }
        return Optional.ofNullable(png);
    }

    private Png thumbnailOrNone(byte[] encoded) {
        try {
            return new Png(thumbnail(decoder.decode(encoded)));
        } catch (RuntimeException e) {
            return new Png(null);
        }
    }

    /** Scales the image to fit a {@link #SIZE} square and encodes it as PNG. */
    static byte[] thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, SIZE / (double) Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private record Raw(byte[] bytes) {}

    private record Png(byte[] bytes) {}
}
