package io.clipstream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the repository's Kubernetes manifests: every YAML document of every file under {@code k8s/}. */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {}

    /** The repository root, found from the module folder the tests run in. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("k8s").resolve("kustomization.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/kustomization.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path k8sDir() {
        return repositoryRoot().resolve("k8s");
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Every YAML file under {@code k8s/}, sorted. */
    static List<Path> files() {
        try (Stream<Path> files = Files.walk(k8sDir())) {
            return files.filter(Manifests::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-empty documents of one YAML file ({@code ---} separated). */
    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            while (it.hasNextValue()) {
                JsonNode document = it.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The documents of every file under {@code k8s/} except the kustomization itself. */
    static List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        for (Path file : files()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                documents(file).forEach(document -> resources.add(new Resource(file, document)));
            }
        }
        return resources;
    }

    /** One manifest document and the file it came from. */
    record Resource(Path file, JsonNode document) {
        String kind() {
            return document.path("kind").asText();
        }

        String name() {
            return document.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return k8sDir().relativize(file) + ": " + kind() + " " + name();
        }
    }
}
