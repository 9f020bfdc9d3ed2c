package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.model.ClipEncoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;

/**
 * One loaded model per model folder and device per task-manager process, shared by every operator
 * instance (slot) that asks for it and closed when the last of them lets go.
 *
 * <p>The cache lives in the class loader that loaded this class: every task of one job in one task
 * manager shares it. Weights are large, so loading them once per slot would multiply the memory a
 * task manager needs by its slot count.
 */
@Internal
public final class SharedModels {

    private static final Map<String, Entry> MODELS = new HashMap<>();

    private SharedModels() {}

    /** Takes a reference to the model in {@code modelDir} on {@code device}, loading it on first use. */
    public static Lease acquire(Path modelDir, Device device, ModelLoader loader) throws Exception {
        return acquire(modelDir, device, false, loader);
    }

    /**
     * Takes a reference to the model in {@code modelDir} on {@code device} in the given precision,
     * loading it on first use.
     */
    public static Lease acquire(Path modelDir, Device device, boolean halfPrecision, ModelLoader loader)
            throws Exception {
        String key = key(modelDir, device, halfPrecision);
        synchronized (MODELS) {
            Entry entry = MODELS.get(key);
            if (entry == null) {
                entry = new Entry(loader.load(modelDir, device, halfPrecision));
                MODELS.put(key, entry);
            }
            entry.references++;
            return new Lease(key, entry.model);
        }
    }

    /** How many leases are open on the model of {@code modelDir} on {@code device}; 0 when not loaded. */
    @VisibleForTesting
    static int references(Path modelDir, Device device) {
        return references(modelDir, device, false);
    }

    /** How many leases are open on the model of {@code modelDir} on {@code device} in the given precision. */
    @VisibleForTesting
    static int references(Path modelDir, Device device, boolean halfPrecision) {
        String key = key(modelDir, device, halfPrecision);
        synchronized (MODELS) {
            Entry entry = MODELS.get(key);
            return entry == null ? 0 : entry.references;
        }
    }

    private static String key(Path modelDir, Device device, boolean halfPrecision) {
        return modelDir.toAbsolutePath().normalize() + "@" + device + (halfPrecision ? "/fp16" : "/fp32");
    }

    private static void release(String key) {
        ClipEncoder toClose = null;
        synchronized (MODELS) {
            Entry entry = MODELS.get(key);
            if (entry != null && --entry.references == 0) {
                MODELS.remove(key);
                toClose = entry.model;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private static final class Entry {
        final ClipEncoder model;
        int references;

        Entry(ClipEncoder model) {
            this.model = model;
        }
    }

    /** A reference to a shared model; closing it releases the reference, once. */
    public static final class Lease implements AutoCloseable {
        private final String key;
        private final ClipEncoder model;
        private boolean closed;

        private Lease(String key, ClipEncoder model) {
            this.key = key;
            this.model = model;
        }

        public ClipEncoder model() {
            return model;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(key);
            }
        }
    }
}
