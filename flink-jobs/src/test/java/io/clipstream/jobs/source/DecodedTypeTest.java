package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.schemas.CaptionEvent;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Decoded records travel between tasks as POJOs with Avro fields, not through Kryo. */
class DecodedTypeTest {

    @Test
    void isAPojoThatRoundTripsThroughItsSerializer() throws Exception {
        TypeInformation<Decoded<CaptionEvent>> info = Decoded.typeInfo(CaptionEvent.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<Decoded<CaptionEvent>> s = info.createSerializer(new SerializerConfigImpl());
        Decoded<CaptionEvent> d = Decoded.ok(CaptionEvent.newBuilder().setCaptionId("c").setText("t")
                .setEventTime(Instant.ofEpochMilli(3)).build(), "topic", 2, 5L, 6L, 7L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(d, out);
        Decoded<CaptionEvent> back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.event).isEqualTo(d.event);
        assertThat(back.deadLetter).isNull();
        assertThat(back.topic).isEqualTo("topic");
        assertThat(back.offset).isEqualTo(5L);
        assertThat(back.ingestMs).isEqualTo(7L);
    }
}
