package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.preprocess.JpegDecoder;
import io.clipstream.preprocess.fetch.FetchOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** Every fetch key a user sets (as text, the way --set and config files pass it) reaches the fetcher. */
class ImageOptionsTest {

    @Test
    void theDefaultsAreSafe() {
        FetchOptions o = ImageOptions.fetchOptions(new Configuration());
        assertThat(o.allowFiles()).isFalse();
        assertThat(o.fileRoots()).isEmpty();
        assertThat(o.filesEnabled()).isFalse();
        assertThat(o.allowHosts()).isEmpty();
        assertThat(o.allowPrivateNetworks()).isFalse();
    }

    @Test
    void everyFetchKeyIsBound() {
        Configuration conf = Configuration.fromMap(Map.ofEntries(
                Map.entry("fetch.connect-timeout", "2 s"),
                Map.entry("fetch.read-timeout", "3 s"),
                Map.entry("fetch.timeout", "7 s"),
                Map.entry("fetch.max-bytes", "12345"),
                Map.entry("fetch.follow-redirects", "2"),
                Map.entry("fetch.allow-files", "true"),
                Map.entry("fetch.file-roots", "/srv/images;/data"),
                Map.entry("fetch.allow-hosts", "images.internal;10.20.0.0/16"),
                Map.entry("fetch.allow-private-networks", "true"),
                Map.entry("fetch.max-per-host", "3"),
                Map.entry("fetch.capacity", "17"),
                Map.entry("fetch.user-agent", "catalog-bot/7")));
        FetchOptions o = ImageOptions.fetchOptions(conf);
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(o.maxBytes()).isEqualTo(12345);
        assertThat(o.maxRedirects()).isEqualTo(2);
        assertThat(o.allowFiles()).isTrue();
        assertThat(o.fileRoots()).containsExactly("/srv/images", "/data");
        assertThat(o.allowHosts()).containsExactly("images.internal", "10.20.0.0/16");
        assertThat(o.allowPrivateNetworks()).isTrue();
        assertThat(o.maxPerHost()).isEqualTo(3);
        assertThat(o.capacity()).isEqualTo(17);
        assertThat(o.userAgent()).isEqualTo("catalog-bot/7");
        // every key the core declares is one of these options
        assertThat(FetchOptions.DESCRIPTIONS.keySet()).allMatch(conf::containsKey);
    }

    @Test
    void theJpegDecoderIsReadAsTextInAnyCase() {
        assertThat(new Configuration().get(ImageOptions.PREPROCESS_JPEG_DECODER)).isEqualTo(JpegDecoder.AUTO);
        Configuration conf = Configuration.fromMap(Map.of(JpegDecoder.KEY, "imageio"));
        assertThat(conf.get(ImageOptions.PREPROCESS_JPEG_DECODER)).isEqualTo(JpegDecoder.IMAGEIO);
        // the key it had when it applied to FAST mode only still works
        Configuration old = Configuration.fromMap(Map.of("preprocess.fast-decoder", "TurboJpeg"));
        assertThat(old.get(ImageOptions.PREPROCESS_JPEG_DECODER)).isEqualTo(JpegDecoder.TURBOJPEG);
    }
}
