package io.clipstream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CustomResourceDefinitions of the operators the manifests target (kept as test resources under
 * {@code crds/<operator>-<version>/}, never applied by the kustomization), indexed by
 * {@code apiVersion} and {@code kind}, each served version compiled to a strict JSON Schema.
 */
final class CrdCatalog {

    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    private CrdCatalog() {}

    /** Loads every CRD under the {@code crds} folder of the test class path. */
    static CrdCatalog load() {
        URL url = CrdCatalog.class.getClassLoader().getResource("crds");
        if (url == null) {
            throw new IllegalStateException("no crds folder on the test class path");
        }
        CrdCatalog catalog = new CrdCatalog();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
            for (Path file : files.filter(Manifests::isYaml).sorted().toList()) {
                for (JsonNode crd : Manifests.documents(file)) {
                    catalog.add(factory, crd, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return catalog;
    }

    private void add(JsonSchemaFactory factory, JsonNode crd, Path file) {
        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
            throw new IllegalStateException(file + " holds a " + crd.path("kind").asText() + ", not a CRD");
        }
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (!version.path("served").asBoolean(false)) {
                continue;
            }
            String key = key(group + "/" + version.path("name").asText(), kind);
            JsonNode openApi = version.path("schema").path("openAPIV3Schema");
            schemas.put(key, factory.getSchema(StructuralSchemas.strict(openApi)));
            sources.put(key, file.getParent().getFileName() + "/" + file.getFileName());
        }
    }

    /** Whether a CRD of this catalog serves {@code apiVersion} for {@code kind}. */
    boolean knows(String apiVersion, String kind) {
        return schemas.containsKey(key(apiVersion, kind));
    }

    /** Where the schema of a kind comes from (operator folder and file), for messages. */
    Optional<String> source(String apiVersion, String kind) {
        return Optional.ofNullable(sources.get(key(apiVersion, kind)));
    }

    /** The schema violations of one manifest document; empty when it is valid. */
    List<String> validate(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        JsonSchema schema = schemas.get(key(apiVersion, kind));
        if (schema == null) {
            return List.of("no CRD serves " + apiVersion + " " + kind);
        }
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    int size() {
        return schemas.size();
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "#" + kind;
    }
}
