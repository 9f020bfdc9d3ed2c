package io.clipstream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.deploy.k8s.Manifests.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest under {@code k8s/} parses and validates against the CRD schema of the operator
 * version it targets, with unknown fields treated as errors (see {@link StructuralSchemas}); core kinds
 * have their required fields. Mutated manifests prove that the validation can fail.
 */
class ManifestSchemaTest {

    /** The kinds of the Kubernetes core API the manifests may use; all others need a CRD. */
    private static final Set<String> CORE_KINDS = Set.of("v1#Namespace", "v1#Secret", "v1#ConfigMap");

    private static CrdCatalog crds;

    @BeforeAll
    static void loadCrds() {
        crds = CrdCatalog.load();
    }

    static Stream<Resource> resources() {
        return Manifests.resources().stream();
    }

    static Stream<Resource> customResources() {
        return resources().filter(r -> !isCore(r.document()));
    }

    @Test
    void catalogServesTheKindsOfTheTargetedOperators() {
        assertThat(crds.knows("flink.apache.org/v1beta1", "FlinkDeployment")).isTrue();
        for (String kind : List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser")) {
            assertThat(crds.knows("kafka.strimzi.io/v1", kind)).as(kind).isTrue();
        }
        assertThat(crds.knows("kafka.strimzi.io/v1", "FlinkDeployment")).isFalse();
    }

    @Test
    void everyManifestFileParsesIntoKubernetesObjects() {
        List<Path> files = Manifests.files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            List<JsonNode> documents = Manifests.documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty();
            for (JsonNode document : documents) {
                assertThat(document.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(document.path("kind").asText()).as(file + " kind").isNotBlank();
            }
        }
    }

    @Test
    void everyKindIsCoreOrServedByATargetedOperator() {
        for (Resource resource : Manifests.resources()) {
            String apiVersion = resource.document().path("apiVersion").asText();
            assertThat(isCore(resource.document()) || crds.knows(apiVersion, resource.kind()))
                    .as("%s (%s)", resource, apiVersion).isTrue();
            assertThat(resource.kind()).as("CRDs are installed with the operators, not with the app")
                    .isNotEqualTo("CustomResourceDefinition");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customResources")
    void customResourceValidatesAgainstItsCrd(Resource resource) {
        assertThat(crds.validate(resource.document())).as(resource.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void everyObjectIsNamed(Resource resource) {
        assertThat(resource.name()).as(resource.toString()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    }

    @Test
    void secretsHaveATypeAndStringValues() {
        List<Resource> secrets = Manifests.resources().stream().filter(r -> r.kind().equals("Secret")).toList();
        assertThat(secrets).isNotEmpty();
        for (Resource secret : secrets) {
            JsonNode document = secret.document();
            assertThat(document.path("type").asText()).as(secret.toString()).isNotBlank();
            assertThat(document.has("data") || document.has("stringData")).as(secret.toString()).isTrue();
            document.path("stringData").forEach(value -> assertThat(value.isTextual()).isTrue());
            document.path("data").forEach(value ->
                    assertThat(Base64.getDecoder().decode(value.asText())).isNotNull());
            Set<String> allowed = Set.of("apiVersion", "kind", "metadata", "type", "data", "stringData", "immutable");
            document.fieldNames().forEachRemaining(field -> assertThat(allowed).as(secret + " field").contains(field));
        }
    }

    @Test
    void kustomizationAppliesEveryManifestAndNothingElse() {
        JsonNode kustomization = Manifests.documents(Manifests.k8sDir().resolve("kustomization.yaml")).get(0);
        assertThat(kustomization.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        assertThat(kustomization.path("namespace").asText()).isNotBlank();
        Set<String> listed = new HashSet<>();
        kustomization.path("resources").forEach(entry -> listed.add(entry.asText()));
        Set<String> present = new HashSet<>();
        for (Path file : Manifests.files()) {
            String relative = Manifests.k8sDir().relativize(file).toString().replace('\\', '/');
            if (!relative.equals("kustomization.yaml")) {
                present.add(relative);
            }
        }
        assertThat(listed).isEqualTo(present);
    }

    // --- negative cases: a validation that cannot fail proves nothing ---

    @Test
    void misspeltFieldIsRejected() {
        assertRejected("FlinkDeployment", doc -> ((ObjectNode) doc.path("spec").path("job")).put("paralelism", 4));
    }

    @Test
    void wrongTypeIsRejected() {
        assertRejected("FlinkDeployment", doc -> ((ObjectNode) doc.path("spec").path("job")).put("parallelism", "four"));
        assertRejected("KafkaTopic", doc -> ((ObjectNode) doc.path("spec")).put("partitions", "twelve"));
        assertRejected("Kafka", doc -> ((ObjectNode) doc.path("spec").path("kafka").path("listeners").get(0))
                .put("port", "ninety-ninety-two"));
    }

    @Test
    void valueOutsideAnEnumIsRejected() {
        assertRejected("FlinkDeployment", doc -> ((ObjectNode) doc.path("spec").path("job")).put("upgradeMode", "sometimes"));
        assertRejected("FlinkDeployment", doc -> ((ObjectNode) doc.path("spec")).put("flinkVersion", "v3_0"));
        assertRejected("KafkaUser", doc -> ((ObjectNode) doc.path("spec").path("authorization").path("acls").get(0)
                .path("resource")).put("type", "topics"));
    }

    @Test
    void unknownFieldDeepInAPodTemplateIsRejected() {
        assertRejected("FlinkDeployment", doc -> ((ObjectNode) doc.path("spec").path("taskManager").path("podTemplate")
                .path("spec").path("containers").get(0)).putObject("resource").putObject("limits").put("nvidia.com/gpu", 1));
    }

    @Test
    void missingRequiredFieldIsRejected() {
        assertRejected("KafkaNodePool", doc -> ((ObjectNode) doc.path("spec")).remove("roles"));
        assertRejected("KafkaTopic", doc -> ((ObjectNode) doc.path("metadata")).remove("name"));
    }

    @Test
    void unknownTopLevelFieldIsRejected() {
        assertRejected("KafkaTopic", doc -> ((ObjectNode) doc).set("specs", doc.path("spec").deepCopy()));
    }

    @Test
    void freeFormMapsStayFreeForm() {
        // flinkConfiguration and topic config preserve unknown fields in the CRDs: any key is valid there
        Resource deployment = first("FlinkDeployment");
        ObjectNode document = deployment.document().deepCopy();
        ((ObjectNode) document.path("spec").path("flinkConfiguration")).put("any.option.at.all", "x");
        assertThat(crds.validate(document)).isEmpty();
        ArrayNode args = (ArrayNode) document.path("spec").path("job").path("args");
        args.add(7);
        assertThat(crds.validate(document)).as("args are strings").isNotEmpty();
    }

    private static void assertRejected(String kind, Consumer<JsonNode> mutation) {
        Resource original = first(kind);
        assertThat(crds.validate(original.document())).as("unmutated " + original).isEmpty();
        JsonNode mutated = original.document().deepCopy();
        mutation.accept(mutated);
        List<String> errors = crds.validate(mutated);
        assertThat(errors).as("mutated " + original).isNotEmpty();
        System.out.println("rejected mutated " + original + ": " + errors);
    }

    private static Resource first(String kind) {
        return Manifests.resources().stream().filter(r -> r.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " under k8s/"));
    }

    private static boolean isCore(JsonNode document) {
        return CORE_KINDS.contains(document.path("apiVersion").asText() + "#" + document.path("kind").asText());
    }
}
