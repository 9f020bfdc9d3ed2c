package io.clipstream.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * The network of any supported {@link ModelFamily}: a config, its parameters by transformers
 * name, and both towers as differentiable functions. It is the training hook: set {@code requiresGradient} on
 * {@link #parameters()}, call {@link #imageFeatures} / {@link #textFeatures} inside
 * {@code Engine.getInstance().newGradientCollector()}, and read each parameter's gradient.
 *
 * <pre>{@code
 * try (ClipNetwork net = ClipNetwork.random(config, 42, Device.cpu());
 *      NDManager step = net.manager().newSubManager()) {
 *     net.parameters().values().forEach(p -> p.setRequiresGradient(true));
 *     try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
 *         NDArray img = net.imageFeatures(step.create(pixels, new Shape(b, 3, s, s)));
 *         NDArray txt = net.textFeatures(step.create(ids));
 *         gc.backward(loss(img, txt, net.logitScale()));
 *     }
 * }
 * }</pre>
 *
 * <p>Results land on the manager of the input array, so a per-call (or per-step) sub-manager of
 * {@link #manager()} collects every intermediate. The parameters live on {@link #manager()}, which
 * {@link #close()} frees. Forward calls from several threads are safe while nobody writes the
 * parameters.
 */
public final class ClipNetwork implements AutoCloseable {
    private final ClipConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;

    private ClipNetwork(ClipConfig config, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Loads {@code config.json} and {@code model.safetensors} of a model folder onto {@code device}. */
    public static ClipNetwork load(Path dir, Device device) {
        return load(dir, device, DataType.FLOAT32);
    }

    /**
     * Loads a model folder with the floating-point parameters converted to {@code type}
     * ({@code FLOAT32} or {@code FLOAT16}); inputs must then come in that type too.
     */
    public static ClipNetwork load(Path dir, Device device, DataType type) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
            throw new IllegalArgumentException("parameters can be float32 or float16, not " + type);
        }
        ClipConfig config = ModelFolder.readConfig(dir);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> parameters = ModelFolder.readParameters(dir, config, manager);
            if (type != DataType.FLOAT32) {
                parameters.replaceAll((name, p) -> {
                    NDArray converted = p.toType(type, false);
                    converted.setName(name);
                    p.close();
                    return converted;
                });
            }
            return new ClipNetwork(config, manager, parameters);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A freshly initialised network, initialised as transformers' {@code CLIPModel._init_weights}
     * does (initializer_factor 1, initializer_range 0.02); the same seed gives the same weights.
     */
    public static ClipNetwork random(ClipConfig config, long seed, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            return new ClipNetwork(config, manager, RandomInit.parameters(config, seed, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Wraps parameters already on {@code manager} (checked against the config); the network takes
     * ownership of {@code manager} and closes it.
     */
    public static ClipNetwork of(ClipConfig config, Map<String, NDArray> parameters, NDManager manager) {
        Map<String, ai.djl.ndarray.types.Shape> found = new java.util.LinkedHashMap<>();
        parameters.forEach((name, array) -> found.put(name, array.getShape()));
        ModelFolder.checkTensors(ParameterLayout.of(config), found);
        Map<String, NDArray> ordered = new java.util.LinkedHashMap<>();
        ParameterLayout.of(config).keySet().forEach(name -> ordered.put(name, parameters.get(name)));
        return new ClipNetwork(config, manager, ordered);
    }

    /** The config the parameters follow. */
    public ClipConfig config() {
        return config;
    }

    /** The manager that owns the parameters; open per-call sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /** Every parameter by transformers name, in {@code state_dict} order (read-only map, live arrays). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** The stored (log) logit scale; {@code exp} of it multiplies cosines before the softmax. */
    public NDArray logitScale() {
        return parameters.get("logit_scale");
    }

    /** The stored logit bias of a sigmoid-scored family (SigLIP), or null. */
    public NDArray logitBias() {
        return parameters.get("logit_bias");
    }

    /** Projected, not normalised, image features {@code [batch, projection_dim]} of pixels {@code [batch, C, S, S]}. */
    public NDArray imageFeatures(NDArray pixels) {
        Objects.requireNonNull(pixels, "pixels");
        return config.family() == ModelFamily.SIGLIP
                ? SiglipVisionTower.features(config, parameters, pixels)
                : VisionTower.features(config, parameters, pixels);
    }

    /** Projected, not normalised, text features {@code [batch, projection_dim]} of token ids {@code [batch, length]}. */
    public NDArray textFeatures(NDArray ids) {
        Objects.requireNonNull(ids, "ids");
        return switch (config.family()) {
            case SIGLIP -> SiglipTextTower.features(config, parameters, ids);
            case CHINESE_CLIP -> BertTextTower.features(config, parameters, ids);
            default -> TextTower.features(config, parameters, ids);
        };
    }

    /** The data type of the parameters (float32 unless converted for half precision). */
    public DataType dataType() {
        return logitScale().getDataType();
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
