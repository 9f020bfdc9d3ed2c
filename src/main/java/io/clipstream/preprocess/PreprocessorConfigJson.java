package io.clipstream.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Reads and writes {@code preprocessor_config.json} with the value shapes transformers accepts. */
final class PreprocessorConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** clipstream's own settings inside the file; transformers ignores the key. */
    static final String CLIPSTREAM_KEY = "clipstream";
    static final String ALPHA_BACKGROUND = "alpha_background";

    private PreprocessorConfigJson() {}

    static PreprocessorConfig read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("preprocessor config is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("preprocessor config must be a JSON object");
        }
        // a missing key takes the default of the processor class the file names
        boolean siglip = root.path("image_processor_type").asText("").startsWith("Siglip");
        PreprocessorConfig d = defaults(siglip).build();
        PreprocessorConfig.Builder b = defaults(siglip);
        b.optDoResize(bool(root, "do_resize", d.doResize()));
        JsonNode size = root.get("size");
        if (size != null && !size.isNull()) {
            // transformers' get_size_dict(size, default_to_square=False): an int is the shortest edge
            if (size.isInt()) {
                b.optShortestEdge(size.intValue());
            } else if (size.isObject() && size.has("shortest_edge")) {
                b.optShortestEdge(positiveInt(size, "shortest_edge"));
            } else if (size.isObject() && size.has("height") && size.has("width")) {
                b.optResizeTo(positiveInt(size, "height"), positiveInt(size, "width"));
            } else {
                throw new IllegalArgumentException("size must be an int, {\"shortest_edge\"} or {\"height\",\"width\"}: " + size);
            }
        }
        if (root.hasNonNull("resample")) {
            b.optResample(Resampling.fromPilCode(root.get("resample").asInt(-1)));
        }
        b.optDoCenterCrop(bool(root, "do_center_crop", d.doCenterCrop()));
        JsonNode crop = root.get("crop_size");
        if (crop != null && !crop.isNull()) {
            // get_size_dict(crop_size, default_to_square=True): an int is a square
            if (crop.isInt()) {
                b.optCropSize(crop.intValue());
            } else if (crop.isObject() && crop.has("height") && crop.has("width")) {
                b.optCropSize(positiveInt(crop, "height"), positiveInt(crop, "width"));
            } else {
                throw new IllegalArgumentException("crop_size must be an int or {\"height\",\"width\"}: " + crop);
            }
        }
        b.optDoRescale(bool(root, "do_rescale", d.doRescale()));
        if (root.hasNonNull("rescale_factor")) {
            b.optRescaleFactor(root.get("rescale_factor").asDouble());
        }
        b.optDoNormalize(bool(root, "do_normalize", d.doNormalize()));
        if (root.hasNonNull("image_mean")) {
            b.optImageMean(triple(root.get("image_mean"), "image_mean"));
        }
        if (root.hasNonNull("image_std")) {
            b.optImageStd(triple(root.get("image_std"), "image_std"));
        }
        b.optDoConvertRgb(bool(root, "do_convert_rgb", d.doConvertRgb()));
        JsonNode own = root.get(CLIPSTREAM_KEY);
        if (own != null && !own.isNull()) {
            if (!own.isObject()) {
                throw new IllegalArgumentException(CLIPSTREAM_KEY + " must be an object: " + own);
            }
            JsonNode background = own.get(ALPHA_BACKGROUND);
            if (background != null && !background.isNull()) {
                b.optAlphaBackground(colour(background));
            }
        }
        return b.build();
    }

    /** CLIPImageProcessor's defaults, or SiglipImageProcessor's: 224x224 without crop, mean and std 0.5. */
    private static PreprocessorConfig.Builder defaults(boolean siglip) {
        PreprocessorConfig.Builder b = PreprocessorConfig.builder();
        if (siglip) {
            b.optResizeTo(224, 224).optDoCenterCrop(false).optImageMean(0.5, 0.5, 0.5).optImageStd(0.5, 0.5, 0.5);
        }
        return b;
    }

    static String write(PreprocessorConfig c) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode crop = root.putObject("crop_size");
        crop.put("height", c.cropHeight());
        crop.put("width", c.cropWidth());
        root.put("do_center_crop", c.doCenterCrop());
        root.put("do_convert_rgb", c.doConvertRgb());
        root.put("do_normalize", c.doNormalize());
        root.put("do_rescale", c.doRescale());
        root.put("do_resize", c.doResize());
        ArrayNode mean = root.putArray("image_mean");
        ArrayNode std = root.putArray("image_std");
        for (double v : c.imageMeanDecimal()) {
            mean.add(v);
        }
        for (double v : c.imageStdDecimal()) {
            std.add(v);
        }
        root.put("image_processor_type", "CLIPImageProcessor");
        root.put("resample", c.resample().pilCode());
        root.put("rescale_factor", c.rescaleFactor());
        ObjectNode size = root.putObject("size");
        if (c.shortestEdge() > 0) {
            size.put("shortest_edge", c.shortestEdge());
        } else {
            size.put("height", c.resizeHeight());
            size.put("width", c.resizeWidth());
        }
        if (c.alphaBackground().isPresent()) {
            int rgb = c.alphaBackground().getAsInt();
            root.putObject(CLIPSTREAM_KEY).putArray(ALPHA_BACKGROUND)
                    .add((rgb >>> 16) & 0xFF).add((rgb >>> 8) & 0xFF).add(rgb & 0xFF);
        }
        try {
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bool(JsonNode root, String key, boolean fallback) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(key + " must be true or false: " + v);
        }
        return v.booleanValue();
    }

    private static int positiveInt(JsonNode obj, String key) {
        JsonNode v = obj.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() <= 0) {
            throw new IllegalArgumentException(key + " must be a positive int: " + v);
        }
        return v.intValue();
    }

    private static int colour(JsonNode v) {
        if (!v.isArray() || v.size() != 3) {
            throw new IllegalArgumentException(CLIPSTREAM_KEY + "." + ALPHA_BACKGROUND
                    + " must be an array of 3 ints 0..255 (r, g, b): " + v);
        }
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            JsonNode x = v.get(c);
            if (!x.isIntegralNumber() || x.intValue() < 0 || x.intValue() > 255) {
                throw new IllegalArgumentException(CLIPSTREAM_KEY + "." + ALPHA_BACKGROUND
                        + " must be an array of 3 ints 0..255 (r, g, b): " + v);
            }
            rgb = rgb << 8 | x.intValue();
        }
        return rgb;
    }

    private static double[] triple(JsonNode v, String key) {
        if (!v.isArray() || v.size() != 3) {
            throw new IllegalArgumentException(key + " must be an array of 3 numbers: " + v);
        }
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            if (!v.get(c).isNumber()) {
                throw new IllegalArgumentException(key + " must be an array of 3 numbers: " + v);
            }
            out[c] = v.get(c).doubleValue();
        }
        return out;
    }
}
