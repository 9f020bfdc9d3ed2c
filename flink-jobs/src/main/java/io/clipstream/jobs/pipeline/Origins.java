package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.Provenance;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Drops the key and bytes that records carry for late dead letters ({@link Provenance#withoutOrigin})
 * before an operator keeps them in state, so the state holds vectors and ids only.
 */
final class Origins {
    private Origins() {}

    static DataStream<EncodedImage> dropImages(DataStream<EncodedImage> images) {
        return images.map(i -> {
            i.provenance = Provenance.withoutOrigin(i.provenance);
            return i;
        }).returns(TypeInformation.of(EncodedImage.class)).name("images-without-origin").uid("images-without-origin");
    }

    static DataStream<EncodedCaption> dropCaptions(DataStream<EncodedCaption> captions) {
        return captions.map(c -> {
            c.provenance = Provenance.withoutOrigin(c.provenance);
            return c;
        }).returns(TypeInformation.of(EncodedCaption.class)).name("captions-without-origin").uid("captions-without-origin");
    }
}
