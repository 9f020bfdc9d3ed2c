package io.clipstream.jobs.event;

import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for a record that is handed off: its sender creates it for one output and never
 * touches it again, and no receiver changes it, so chained operators may share it instead of
 * copying it. Without object reuse Flink deep-copies every record passed between chained
 * operators; for an image that is its pixel array or its bytes once per hop. Serialization
 * (between tasks) is the wrapped type's own, unchanged.
 *
 * <p>Only for records never kept in operator state: the serializer's snapshot is its own, not the
 * wrapped type's.
 */
@Internal
public final class HandOffTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final TypeInformation<T> wrapped;

    public HandOffTypeInfo(TypeInformation<T> wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    /** The type information this one shares records of. */
    public TypeInformation<T> wrapped() {
        return wrapped;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return wrapped.getArity();
    }

    @Override
    public int getTotalFields() {
        return wrapped.getTotalFields();
    }

    @Override
    public Class<T> getTypeClass() {
        return wrapped.getTypeClass();
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new HandOffSerializer<>(wrapped.createSerializer(config));
    }

    @Override
    public String toString() {
        return "HandOff<" + wrapped + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandOffTypeInfo<?> other && other.canEqual(this) && wrapped.equals(other.wrapped);
    }

    @Override
    public int hashCode() {
        return 31 * wrapped.hashCode() + 7;
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof HandOffTypeInfo;
    }
}
