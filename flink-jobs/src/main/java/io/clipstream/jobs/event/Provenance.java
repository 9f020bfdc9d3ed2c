package io.clipstream.jobs.event;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a record was read from: the Kafka topic, partition and offset, carried for dead letters.
 * From the source up to the stages that may still refuse the record it also carries the origin:
 * the record's Kafka key and its value (cut to {@code dead-letters.max-original-bytes}), so that a
 * late dead letter holds the same key and bytes as an early one. {@link #withoutOrigin} drops them
 * where a record is kept in state.
 */
@PublicEvolving
public class Provenance {

    public String topic;
    public int partition;
    public long offset;
    /** Kafka key of the input record; {@code null} for none or when the origin was dropped. */
    public byte[] sourceKey;
    /** The input record's value, cut to the dead-letter cap; {@code null} when not carried. */
    public byte[] original;
    /** Length of the input record's value before the cut. */
    public long originalSize;

    public Provenance() {}

    public Provenance(String topic, int partition, long offset) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** Where from, and the record's key and (cut) value. */
    public Provenance(String topic, int partition, long offset, byte[] sourceKey, byte[] original, long originalSize) {
        this(topic, partition, offset);
        this.sourceKey = sourceKey;
        this.original = original;
        this.originalSize = originalSize;
    }

    /** Provenance of a record that did not come from Kafka (tests, generated input). */
    public static Provenance unknown() {
        return new Provenance("", -1, -1L);
    }

    /** The same place without the key and bytes of the record. */
    public Provenance withoutOrigin() {
        return new Provenance(topic, partition, offset);
    }

    /** {@code p} without its origin; null stays null. */
    public static Provenance withoutOrigin(Provenance p) {
        return p == null ? null : p.withoutOrigin();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Provenance)) {
            return false;
        }
        Provenance p = (Provenance) o;
        return partition == p.partition && offset == p.offset && Objects.equals(topic, p.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
