package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Model inputs written into one reusable direct buffer per calling thread.
 *
 * <p>{@code NDManager.create(float[])} copies the values into a new direct buffer that the
 * tensor then reads in place ({@code from_blob}), and only a garbage collection frees that
 * buffer. A batch of 32 ViT-B/32 inputs is 19 MB; with little heap churn between collections
 * such buffers waiting for a GC reached 1.2 GB in a ViT-B/32 benchmark (native memory tracking,
 * "Other"). One buffer per thread, reused call after call, keeps that memory constant.
 *
 * <p>The contract: the tensor made here must be closed before the same thread asks for another
 * of the same element type (float pixels and int64 token ids have a buffer each). Every caller
 * creates it on a per-call sub-manager that it closes before returning.
 */
final class InputBuffers {

    private static final ThreadLocal<ByteBuffer> FLOATS = new ThreadLocal<>();
    private static final ThreadLocal<ByteBuffer> LONGS = new ThreadLocal<>();

    private InputBuffers() {}

    /** {@code rows} (each {@code rowLength} floats) as one float32 tensor of {@code shape} on {@code manager}. */
    static NDArray floats(NDManager manager, List<float[]> rows, int rowLength, Shape shape) {
        int bytes = Math.multiplyExact(Math.multiplyExact(rows.size(), rowLength), Float.BYTES);
        ByteBuffer view = view(FLOATS, bytes);
        FloatBuffer out = view.asFloatBuffer();
        for (float[] row : rows) {
            out.put(row, 0, rowLength);
        }
        return manager.create(view, shape, DataType.FLOAT32);
    }

    /** {@code values} as one int64 tensor of {@code shape} on {@code manager}. */
    static NDArray longs(NDManager manager, long[] values, Shape shape) {
        ByteBuffer view = view(LONGS, Math.multiplyExact(values.length, Long.BYTES));
        view.asLongBuffer().put(values);
        return manager.create(view, shape, DataType.INT64);
    }

    /** This thread's buffer for float inputs, null before its first call (for tests). */
    static ByteBuffer floatBufferOfThisThread() {
        return FLOATS.get();
    }

    /** The first {@code bytes} of this thread's buffer, grown when too small. */
    private static ByteBuffer view(ThreadLocal<ByteBuffer> perThread, int bytes) {
        ByteBuffer buffer = perThread.get();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            perThread.set(buffer);
        }
        return buffer.slice(0, bytes).order(ByteOrder.nativeOrder());
    }
}
