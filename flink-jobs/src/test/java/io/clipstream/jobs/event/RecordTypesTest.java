package io.clipstream.jobs.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.align.Decision;
import io.clipstream.jobs.match.RecentImagesMatchFunction;
import io.clipstream.jobs.match.StoredRecord;
import io.clipstream.jobs.tag.LabelEmbedding;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every in-flight record is a Flink POJO that serializes without Kryo. */
class RecordTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {Provenance.class, Timings.class, ImageToEncode.class, CaptionToEncode.class,
            EncodedImage.class, EncodedCaption.class, LabelUpdate.class, MatchResult.class, TagResult.class,
            LabelScore.class, PartialTopK.class, ImageCandidate.class, LabelEmbedding.class,
            RecentImagesMatchFunction.HeldImage.class, StoredRecord.Image.class, StoredRecord.Caption.class})
    void isAPojoWithoutGenericTypes(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        // throws UnsupportedOperationException if any nested field would need Kryo
        assertThat(info.createSerializer(noKryo)).isNotNull();
    }

    @Test
    void anEncodedImageRoundTripsWithAllItsFields() throws Exception {
        EncodedImage image = new EncodedImage();
        image.id = "i";
        image.key = null;
        image.vector = new float[] {0.6f, 0.8f};
        image.candidateCaptions = List.of("a cat", "a dog");
        image.candidateVectors = List.of(new float[] {1f, 0f}, new float[] {0f, 1f});
        image.vocabulary = "animals";
        image.modelId = "m";
        image.logitScale = 100f;
        image.provenance = new Provenance("images", 3, 42L);
        image.timings = new Timings(5L, 6L);
        image.timings.batchSize = 8;

        EncodedImage copy = roundTrip(image, EncodedImage.class);
        assertThat(copy).usingRecursiveComparison().isEqualTo(image);
    }

    @Test
    void aMatchResultKeepsItsDecision() throws Exception {
        MatchResult r = new MatchResult();
        r.imageId = "i";
        r.captionId = "c";
        r.decision = Decision.NO_MATCH;
        r.cosine = 0.25f;
        r.timings = new Timings();
        assertThat(roundTrip(r, MatchResult.class)).usingRecursiveComparison().isEqualTo(r);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(noKryo);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
