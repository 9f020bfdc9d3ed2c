package io.clipstream.jobs.source;

import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * An image event on its way from the fetch to the decoder: with the fetched bytes, without bytes
 * when the event carries them inline, or refused (a dead letter). The event itself is kept
 * unchanged, so a later dead letter's original bytes are the input record, never fetched bytes.
 */
@Internal
public class FetchedImage {
    /** The decoded input record with its provenance. */
    public Decoded<ImageEvent> image;
    /** The fetched bytes; null for an inline image or a refusal. */
    public byte[] bytes;
    /** Why the fetch was refused, or null. */
    public DeadLetterEvent deadLetter;

    public FetchedImage() {}

    static FetchedImage inline(Decoded<ImageEvent> image) {
        FetchedImage f = new FetchedImage();
        f.image = image;
        return f;
    }

    static FetchedImage fetched(Decoded<ImageEvent> image, byte[] bytes) {
        FetchedImage f = inline(image);
        f.bytes = bytes;
        return f;
    }

    static FetchedImage refused(Decoded<ImageEvent> image, DeadLetterEvent deadLetter) {
        FetchedImage f = inline(image);
        f.deadLetter = deadLetter;
        return f;
    }

    /** Flink type information: a POJO of Avro and byte-array fields, no Kryo. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static TypeInformation<FetchedImage> typeInfo() {
        TypeInformation<?> info = Types.POJO(FetchedImage.class, Map.of(
                "image", Decoded.typeInfo(ImageEvent.class),
                "bytes", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
                "deadLetter", new AvroTypeInfo<>(DeadLetterEvent.class)));
        return (TypeInformation<FetchedImage>) (PojoTypeInfo) info;
    }
}
