package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.model.DeviceSpec;
import java.util.Collection;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;

/**
 * Chooses the device a model runs on from the {@code encoder.device} option and the GPUs Flink
 * assigned to the task manager (external resource {@code gpu}, property {@code index}).
 */
@Internal
public final class DeviceSelector {

    /** Use the GPU Flink assigned, else the CPU. */
    public static final String AUTO = "auto";
    /** The name of Flink's external resource for GPUs. */
    public static final String GPU_RESOURCE = "gpu";

    private DeviceSelector() {}

    /** Fails fast on a device option the selector does not understand ({@link DeviceSpec}). */
    public static void validate(String spec) {
        DeviceSpec.canonical(spec);
    }

    /**
     * The device for {@code spec}: with {@code auto}, the first GPU in {@code assignedGpus} that
     * has an {@code index} property, or the CPU when Flink assigned none.
     */
    public static Device select(String spec, Collection<ExternalResourceInfo> assignedGpus) {
        String s = DeviceSpec.canonical(spec);
        if ("cpu".equals(s)) {
            return Device.cpu();
        }
        if (s.startsWith("gpu:")) {
            return Device.gpu(DeviceSpec.index(s));
        }
        Optional<Integer> assigned = firstGpuIndex(assignedGpus);
        if ("gpu".equals(s)) {
            return Device.gpu(assigned.orElse(0));
        }
        return assigned.map(Device::gpu).orElseGet(Device::cpu);
    }

    private static Optional<Integer> firstGpuIndex(Collection<ExternalResourceInfo> gpus) {
        if (gpus == null) {
            return Optional.empty();
        }
        for (ExternalResourceInfo info : gpus) {
            Optional<String> index = info.getProperty("index");
            if (index.isPresent()) {
                return Optional.of(Integer.parseInt(index.get().trim()));
            }
        }
        return Optional.empty();
    }
}
