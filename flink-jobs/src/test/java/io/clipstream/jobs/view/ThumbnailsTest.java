package io.clipstream.jobs.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.preprocess.fetch.ImageFetcher;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {
    @TempDir
    Path tmp;

    @Test
    void inlineImagesBecomeSmallPngsAndUnknownIdsNothing() throws Exception {
        Thumbnails thumbnails = thumbnails(true, 10);
        thumbnails.add(inline("big", png(400, 200)));
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(thumbnails.png("big").orElseThrow()));
        assertThat(thumb.getWidth()).isEqualTo(Thumbnails.SIZE);
        assertThat(thumb.getHeight()).isEqualTo(Thumbnails.SIZE / 2);
        assertThat(thumbnails.png("../../etc/passwd")).isEmpty();
        assertThat(thumbnails.png("never-seen")).isEmpty();
    }

    @Test
    void referencesAreFetchedUnderThePipelinesAllowList() throws Exception {
        Path file = Files.write(tmp.resolve("a.png"), png(50, 50));
        Thumbnails allowed = thumbnails(true, 10);
        allowed.add(reference("a", file.toUri().toString()));
        assertThat(allowed.png("a")).isPresent();

        Thumbnails refused = thumbnails(false, 10);
        refused.add(reference("a", file.toUri().toString()));
        assertThat(refused.has("a")).isTrue();
        assertThat(refused.png("a")).as("file: references are off").isEmpty();
    }

    @Test
    void notAPictureIsNeverServedAndTheOldestLeaveFirst() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not an image");
        Thumbnails thumbnails = thumbnails(true, 2);
        thumbnails.add(reference("s", secret.toUri().toString()));
        assertThat(thumbnails.png("s")).isEmpty();
        thumbnails.add(inline("x", png(8, 8)));
        thumbnails.add(inline("y", png(8, 8)));
        assertThat(thumbnails.has("s")).isFalse();
        assertThat(thumbnails.has("x")).isTrue();
    }

    private static Thumbnails thumbnails(boolean allowFiles, int capacity) {
        return new Thumbnails(ImageDecoder.create(ImageLimits.defaults()),
                ImageFetcher.standard(FetchOptions.builder().optAllowFiles(allowFiles).build()), capacity);
    }

    private static ImageEvent inline(String id, byte[] bytes) {
        return ImageEvent.newBuilder().setImageId(id).setImage(new InlineImage(ByteBuffer.wrap(bytes), null))
                .setEventTime(Instant.now()).build();
    }

    private static ImageEvent reference(String id, String uri) {
        return ImageEvent.newBuilder().setImageId(id).setImage(new ImageReference(uri)).setEventTime(Instant.now()).build();
    }

    private static byte[] png(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
