package io.clipstream.jobs.event;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of {@link HandOffTypeInfo}: the wrapped serializer, except that a copy is the
 * record itself.
 */
@Internal
public final class HandOffSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> wrapped;

    public HandOffSerializer(TypeSerializer<T> wrapped) {
        this.wrapped = wrapped;
    }

    @Override
    public boolean isImmutableType() {
        // the record is not immutable: it is only never changed once handed off
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<T> d = wrapped.duplicate();
        return d == wrapped ? this : new HandOffSerializer<>(d);
    }

    @Override
    public T createInstance() {
        return wrapped.createInstance();
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return wrapped.getLength();
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        wrapped.serialize(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return wrapped.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return wrapped.deserialize(reuse, source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        wrapped.copy(source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandOffSerializer<?> other && wrapped.equals(other.wrapped);
    }

    @Override
    public int hashCode() {
        return 31 * wrapped.hashCode() + 7;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** Snapshot of a {@link HandOffSerializer}: the wrapped serializer's snapshot, nested. */
    public static final class Snapshot<T> extends CompositeTypeSerializerSnapshot<T, HandOffSerializer<T>> {
        public Snapshot() {}

        Snapshot(HandOffSerializer<T> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(HandOffSerializer<T> outer) {
            return new TypeSerializer<?>[] {outer.wrapped};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected HandOffSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new HandOffSerializer<>((TypeSerializer<T>) nested[0]);
        }
    }
}
