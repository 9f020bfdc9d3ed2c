package io.clipstream.jobs.record;

import java.util.Objects;

/** Where a record was read from: the Kafka topic, partition and offset, carried for dead letters. */
public class Provenance {

    public String topic;
    public int partition;
    public long offset;

    public Provenance() {}

    public Provenance(String topic, int partition, long offset) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** Provenance of a record that did not come from Kafka (tests, generated input). */
    public static Provenance unknown() {
        return new Provenance("", -1, -1L);
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
