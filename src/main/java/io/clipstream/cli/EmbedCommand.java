package io.clipstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.model.ClipModel;
import io.clipstream.preprocess.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clipstream embed}: prints the embedding of each image and text as one JSON line, images
 * first, then texts, each in the order given.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Print embeddings (any supported family) as JSON lines, images first, then texts, in the given order:",
            "{\"modality\":\"image\"|\"text\",\"input\":\"<path or text>\",\"embedding\":[...]}"})
final class EmbedCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ModelSelection selection;

    @Option(names = "--image", paramLabel = "FILE", description = "An image file (repeatable).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--text", paramLabel = "TEXT", description = "A text (repeatable).")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (images.isEmpty() && texts.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give at least one --image or --text");
        }
        return CliErrors.run(spec.commandLine(), () -> {
            List<BufferedImage> decoded = readImages(images);
            try (ClipModel model = selection.load()) {
                PrintWriter out = spec.commandLine().getOut();
                float[][] imageVectors = model.encodeImages(decoded);
                for (int i = 0; i < images.size(); i++) {
                    out.println(line("image", images.get(i).toString(), imageVectors[i]));
                }
                float[][] textVectors = model.encodeTexts(texts);
                for (int i = 0; i < texts.size(); i++) {
                    out.println(line("text", texts.get(i), textVectors[i]));
                }
                out.flush();
            }
            return 0;
        });
    }

    /** Reads and decodes image files with the project's decoder (size limits, format checks). */
    static List<BufferedImage> readImages(List<Path> files) throws IOException {
        ImageDecoder decoder = ImageDecoder.create();
        List<BufferedImage> decoded = new ArrayList<>(files.size());
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("image file not found: " + file);
            }
            try {
                decoded.add(decoder.decode(bytes));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot decode image " + file + ": " + e.getMessage(), e);
            }
        }
        return decoded;
    }

    private static String line(String modality, String input, float[] vector) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("modality", modality);
        node.put("input", input);
        ArrayNode embedding = node.putArray("embedding");
        for (float v : vector) {
            embedding.add(v);
        }
        return JSON.writeValueAsString(node);
    }
}
