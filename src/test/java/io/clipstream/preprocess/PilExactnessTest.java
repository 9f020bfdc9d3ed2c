package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares against outputs of PIL itself (Pillow 9.4 and 12.3, written by {@code pil/make_fixtures.py}):
 * the resampler, the RGB conversion and the whole processor must agree exactly, not just closely,
 * because the model was trained on PIL's pixels.
 */
class PilExactnessTest {

    private static final String DIR = "/io/clipstream/preprocess/pil/";

    static List<JsonNode> resizeCases() throws IOException {
        return cases("resize");
    }

    static List<JsonNode> convertCases() throws IOException {
        return cases("convert");
    }

    static List<JsonNode> convertWhiteCases() throws IOException {
        return cases("convert_white");
    }

    static List<JsonNode> pipelineCases() throws IOException {
        return cases("pipeline");
    }

    private static List<JsonNode> cases(String kind) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(PilFixtures.bytes(DIR + "manifest.json"));
        List<JsonNode> out = new ArrayList<>();
        manifest.get(kind).forEach(out::add);
        assertThat(out).isNotEmpty();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resizeCases")
    void resizeMatchesPilExactly(JsonNode c) {
        RgbImage input = PilFixtures.rgb(DIR + c.get("input").asText());
        RgbImage expected = PilFixtures.rgb(DIR + c.get("expected").asText());
        Resampling filter = Resampling.valueOf(c.get("filter").asText().toUpperCase(Locale.ROOT));

        RgbImage actual = PilResampler.resize(input, c.get("width").asInt(), c.get("height").asInt(), filter);

        // tolerance: none; every channel of every pixel equals PIL's byte
        assertThat(PilFixtures.maxAbsDiff(actual, expected)).as("max |java - PIL|").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convertCases")
    void rgbConversionMatchesTransformersConvertToRgb(JsonNode c) {
        RgbImage actual = PilFixtures.rgb(DIR + c.get("input").asText());
        RgbImage expected = PilFixtures.rgb(DIR + c.get("expected").asText());

        assertThat(PilFixtures.maxAbsDiff(actual, expected)).as("max |java - PIL|").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convertWhiteCases")
    void compositingOverWhiteMatchesPilAlphaComposite(JsonNode c) {
        RgbImage actual = RgbConversion.composite(PilFixtures.rgb(DIR + c.get("input").asText()), 0xFFFFFF);
        RgbImage expected = PilFixtures.rgb(DIR + c.get("expected").asText());

        assertThat(PilFixtures.maxAbsDiff(actual, expected)).as("max |java - PIL|").isZero();
    }

    static List<JsonNode> pipelineHashCases() throws IOException {
        return cases("pipeline_sha256");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineHashCases")
    void processorMatchesTransformersBitForBitAtClipsDefaultSize(JsonNode c) throws Exception {
        float[] actual = ClipImageProcessor.of(PreprocessorConfig.defaults())
                .preprocess(PilFixtures.raw(DIR + c.get("input").asText()));

        ByteBuffer bytes = ByteBuffer.allocate(actual.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(actual);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.array());
        // the digest of numpy's float32 tensor: any single differing bit anywhere changes it
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(c.get("sha256").asText());
    }

    static List<String> photoCases() throws IOException {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(PilFixtures.bytes(DIR + "photos_sha256.json")).fieldNames().forEachRemaining(out::add);
        assertThat(out).isNotEmpty();
        return out;
    }

    static List<org.junit.jupiter.params.provider.Arguments> photoCasesByDecoder() throws IOException {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (String file : photoCases()) {
            for (JpegDecoder decoder : List.of(JpegDecoder.TURBOJPEG, JpegDecoder.IMAGEIO)) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(file, decoder));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("photoCasesByDecoder")
    void cocoSizedJpegDecodedAndProcessedMatchesPillowBitForBit(String file, JpegDecoder jpegDecoder) throws Exception {
        String expected = new ObjectMapper().readTree(PilFixtures.bytes(DIR + "photos_sha256.json")).get(file).asText();
        ImageDecoder decoder = ImageDecoder.create(ImageLimits.defaults(), jpegDecoder);
        java.awt.image.BufferedImage decoded = decoder.decodeImage(PilFixtures.bytes(DIR + file));
        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.defaults());

        // the decoder's own image, read straight from its raster, and the same through RgbConversion
        float[] direct = processor.preprocess(decoded);
        float[] converted = processor.preprocess(RgbConversion.toRgb(decoded));
        float[] again = processor.preprocess(decoded); // the thread's scratch arrays reused

        assertThat(decoded.getType()).isEqualTo(java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        assertThat(sha256(direct)).isEqualTo(expected);
        assertThat(sha256(converted)).isEqualTo(expected);
        assertThat(sha256(again)).isEqualTo(expected);
    }

    private static String sha256(float[] tensor) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(tensor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(tensor);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }

    static List<JsonNode> decodeCases() throws IOException {
        return cases("decode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodeCases")
    void decodingMatchesPil(JsonNode c) {
        String file = c.get("input").asText();
        RgbImage actual = PilFixtures.rgb(DIR + file);
        RgbImage expected = PilFixtures.rgb(DIR + c.get("expected").asText());

        int maxDiff = PilFixtures.maxAbsDiff(actual, expected);
        double meanDiff = PilFixtures.meanAbsDiff(actual, expected);

        if (file.endsWith("lossy.webp")) {
            // TwelveMonkeys' pure-Java VP8 decoder does not reproduce libwebp's output: measured max 82,
            // mean 5.88 on this grainy picture; bound the mean so a broken decoder still fails
            assertThat(meanDiff).as("mean |java - PIL|").isLessThan(8.0);
        } else if (file.contains("ycck")) {
            // YCCK: the decoder's CMYK to RGB step rounds differently from PIL's (measured max 1, mean 0.40)
            assertThat(maxDiff).as("max |java - PIL|").isLessThanOrEqualTo(1);
        } else {
            // JPEG (baseline 4:2:0 and 4:4:4, progressive, plain CMYK), lossless WebP, GIF, BMP: identical
            assertThat(maxDiff).as("max |java - PIL|").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineCases")
    void processorMatchesTransformersPipelineBitForBit(JsonNode c) {
        int crop = c.get("crop").asInt();
        PreprocessorConfig config = PreprocessorConfig.builder()
                .optShortestEdge(c.get("shortest_edge").asInt())
                .optCropSize(crop)
                .optAlphaBackground(c.has("alpha_background") ? 0xFFFFFF : null)
                .build();
        float[] expected = PilFixtures.floats(DIR + c.get("expected").asText());

        float[] actual = ClipImageProcessor.of(config).preprocess(PilFixtures.raw(DIR + c.get("input").asText()));

        assertThat(actual).hasSize(3 * crop * crop);
        // tolerance: none; float32 arithmetic in the same order as numpy gives the same bits
        assertThat(actual).containsExactly(expected);
    }
}
