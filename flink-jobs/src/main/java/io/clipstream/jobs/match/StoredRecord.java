package io.clipstream.jobs.match;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import org.apache.flink.annotation.Internal;

/**
 * The values of the keyed matching state: a record with its arrival sequence number within the key,
 * which orders eviction (map state iterates in no particular order).
 */
@Internal
public final class StoredRecord {

    private StoredRecord() {}

    /** An image held for its key. */
    public static final class Image {
        public EncodedImage image;
        public long sequence;

        public Image() {}

        Image(EncodedImage image, long sequence) {
            this.image = image;
            this.sequence = sequence;
        }
    }

    /** A caption held for its key. */
    public static final class Caption {
        public EncodedCaption caption;
        public long sequence;

        public Caption() {}

        Caption(EncodedCaption caption, long sequence) {
            this.caption = caption;
            this.sequence = sequence;
        }
    }
}
