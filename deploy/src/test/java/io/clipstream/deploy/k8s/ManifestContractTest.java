package io.clipstream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.deploy.k8s.Manifests.Resource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests keep the pipeline's contracts: every topic exists with room for inline images, the
 * Flink jobs run exactly-once with durable checkpoints and savepoint upgrades on GPU task managers, and
 * everything they reference (cluster, secrets, jar) is defined.
 */
class ManifestContractTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;
    private static final Set<String> TOPICS = Set.of("clipstream.images", "clipstream.captions",
            "clipstream.labels", "clipstream.matches", "clipstream.tags", "clipstream.embeddings",
            "clipstream.dead-letters");

    private final List<Resource> resources = Manifests.resources();

    @Test
    void everyTopicOfThePipelineIsDeclared() {
        Map<String, JsonNode> topics = topics();
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(TOPICS);
        topics.forEach((name, spec) -> {
            assertThat(spec.path("partitions").asInt()).as(name).isPositive();
            assertThat(spec.path("replicas").asInt()).as(name).isGreaterThanOrEqualTo(3);
        });
        assertThat(topics.get("clipstream.labels").path("config").path("cleanup.policy").asText()).isEqualTo("compact");
        for (String bulky : List.of("clipstream.images", "clipstream.dead-letters")) {
            assertThat(topics.get(bulky).path("config").path("max.message.bytes").asInt()).as(bulky)
                    .isGreaterThanOrEqualTo(TEN_MIB);
        }
    }

    @Test
    void outputTopicsAcceptTheLargestRecordTheSinksSend() {
        int maxRequestSize = io.clipstream.jobs.sink.RecordLimits.maxRequestSize(new org.apache.flink.configuration.Configuration());
        Map<String, JsonNode> topics = topics();
        for (String output : List.of("clipstream.matches", "clipstream.tags", "clipstream.embeddings",
                "clipstream.dead-letters")) {
            assertThat(topics.get(output).path("config").path("max.message.bytes").asInt(1_048_588)).as(output)
                    .isGreaterThanOrEqualTo(maxRequestSize);
        }
    }

    @Test
    void brokersAcceptTheLargestTopicMessage() {
        JsonNode config = single("Kafka").document().path("spec").path("kafka").path("config");
        int largest = topics().values().stream()
                .mapToInt(spec -> spec.path("config").path("max.message.bytes").asInt(0)).max().orElseThrow();
        assertThat(config.path("message.max.bytes").asInt()).isGreaterThanOrEqualTo(largest);
        assertThat(config.path("replica.fetch.max.bytes").asInt()).isGreaterThanOrEqualTo(largest);
    }

    @Test
    void kafkaRunsInKraftModeWithNodePoolsOfTheSameCluster() {
        Resource kafka = single("Kafka");
        JsonNode annotations = kafka.document().path("metadata").path("annotations");
        assertThat(annotations.path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(annotations.path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        Set<String> roles = new HashSet<>();
        for (Resource resource : resources) {
            if (Set.of("KafkaNodePool", "KafkaTopic", "KafkaUser").contains(resource.kind())) {
                assertThat(resource.document().path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .as(resource.toString()).isEqualTo(kafka.name());
            }
            if (resource.kind().equals("KafkaNodePool")) {
                resource.document().path("spec").path("roles").forEach(role -> roles.add(role.asText()));
            }
        }
        assertThat(roles).contains("controller", "broker");
    }

    @Test
    void oneFlinkDeploymentPerJob() {
        Map<String, Resource> deployments = new TreeMap<>();
        for (Resource resource : resources) {
            if (resource.kind().equals("FlinkDeployment")) {
                deployments.put(resource.name(), resource);
            }
        }
        assertThat(deployments.keySet()).containsExactly("clipstream-embed", "clipstream-match", "clipstream-tag");
    }

    @Test
    void flinkJobsAreDurableExactlyOnceAndUpgradeThroughSavepoints() {
        for (Resource deployment : deployments()) {
            JsonNode spec = deployment.document().path("spec");
            JsonNode conf = spec.path("flinkConfiguration");
            String name = deployment.toString();
            assertThat(spec.path("flinkVersion").asText()).as(name).isEqualTo("v2_2");
            assertThat(spec.path("job").path("upgradeMode").asText()).as(name).isEqualTo("savepoint");
            assertThat(spec.path("job").path("jarURI").asText()).as(name)
                    .isEqualTo("local:///opt/flink/usrlib/clipstream-job.jar");
            assertThat(spec.path("job").path("entryClass").asText()).as(name).startsWith("io.clipstream.");
            assertThat(conf.path("execution.checkpointing.mode").asText()).as(name).isEqualTo("EXACTLY_ONCE");
            assertThat(conf.path("execution.checkpointing.interval").asText()).as(name).isNotBlank();
            for (String dir : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                    "high-availability.storageDir")) {
                assertThat(conf.path(dir).asText()).as(name + " " + dir).matches("(s3|s3a|gs|abfss|file)://.+");
            }
            String restart = conf.path("restart-strategy.type").asText();
            assertThat(restart).as(name).isIn("fixed-delay", "exponential-delay", "failure-rate");
            if (restart.equals("exponential-delay")) {
                assertThat(conf.path("restart-strategy.exponential-delay.attempts-before-reset-backoff").asInt())
                        .as(name).isPositive();
            }
        }
    }

    @Test
    void keyedStateLivesInRocksDbAndTheRestEndpointStaysInsideTheCluster() throws Exception {
        for (Resource deployment : deployments()) {
            JsonNode conf = deployment.document().path("spec").path("flinkConfiguration");
            String name = deployment.toString();
            assertThat(conf.path("state.backend.type").asText()).as(name).isEqualTo("rocksdb");
            assertThat(conf.path("execution.checkpointing.incremental").asText()).as(name).isEqualTo("true");
            assertThat(conf.path("kubernetes.rest-service.exposed.type").asText()).as(name).isEqualTo("ClusterIP");
        }
        JsonNode image = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Manifests.repositoryRoot().resolve("deploy/conf/config.yaml").toFile());
        assertThat(image.path("state").path("backend").path("type").asText()).as("deploy/conf/config.yaml").isEqualTo("rocksdb");
        assertThat(image.path("execution").path("checkpointing").path("dir").asText()).as("deploy/conf/config.yaml")
                .startsWith("file:///");
    }

    @Test
    void taskManagersGetOneGpuThroughTheExternalResource() {
        for (Resource deployment : deployments()) {
            JsonNode spec = deployment.document().path("spec");
            JsonNode conf = spec.path("flinkConfiguration");
            String name = deployment.toString();
            assertThat(conf.path("external-resources").asText()).as(name).isEqualTo("gpu");
            assertThat(conf.path("external-resource.gpu.amount").asText()).as(name).isEqualTo("1");
            assertThat(conf.path("external-resource.gpu.driver-factory.class").asText()).as(name)
                    .isEqualTo("org.apache.flink.externalresource.gpu.GPUDriverFactory");
            assertThat(conf.path("external-resource.gpu.kubernetes.config-key").asText()).as(name)
                    .isEqualTo("nvidia.com/gpu");
            assertThat(conf.path("external-resource.gpu.param.discovery-script.path").asText()).as(name).isNotBlank();
            JsonNode pod = spec.path("taskManager").path("podTemplate").path("spec");
            assertThat(pod.path("containers").get(0).path("name").asText()).isEqualTo("flink-main-container");
            assertThat(pod.path("containers").get(0).path("resources").path("limits").path("nvidia.com/gpu").asInt())
                    .as(name).isEqualTo(1);
            assertThat(pod.path("nodeSelector").isEmpty()).as(name + " nodeSelector").isFalse();
            assertThat(pod.path("tolerations").toString()).as(name).contains("nvidia.com/gpu");
        }
    }

    @Test
    void referencedSecretsAreDefined() {
        Set<String> defined = new HashSet<>();
        for (Resource resource : resources) {
            // a KafkaUser makes the Strimzi user operator write a Secret of the same name
            if (resource.kind().equals("Secret") || resource.kind().equals("KafkaUser")) {
                defined.add(resource.name());
            }
        }
        for (Resource deployment : deployments()) {
            List<String> referenced = deployment.document().findValues("secretKeyRef").stream()
                    .map(ref -> ref.path("name").asText()).toList();
            assertThat(referenced).as(deployment.toString()).isNotEmpty();
            assertThat(defined).as(deployment.toString()).containsAll(referenced);
        }
    }

    private Map<String, JsonNode> topics() {
        Map<String, JsonNode> topics = new TreeMap<>();
        for (Resource resource : resources) {
            if (resource.kind().equals("KafkaTopic")) {
                String name = resource.document().path("spec").path("topicName").asText(resource.name());
                topics.put(name, resource.document().path("spec"));
            }
        }
        return topics;
    }

    @Test
    void jobArgumentsNameTheJobAndStayInsideTheKafkaUsersAcls() {
        JsonNode acls = single("KafkaUser").document().path("spec").path("authorization").path("acls");
        Map<String, String> prefixes = new TreeMap<>();
        acls.forEach(acl -> prefixes.put(acl.path("resource").path("type").asText(), acl.path("resource").path("name").asText()));
        for (Resource deployment : deployments()) {
            JsonNode job = deployment.document().path("spec").path("job");
            assertThat(job.path("entryClass").asText()).isEqualTo("io.clipstream.jobs.launch.ClusterEntryPoint");
            List<String> args = new java.util.ArrayList<>();
            job.path("args").forEach(arg -> args.add(arg.asText()));
            assertThat("clipstream-" + args.get(0)).as(deployment.toString()).isEqualTo(deployment.name());
            assertThat(args).as(deployment.toString())
                    .anyMatch(a -> a.startsWith("kafka.group-id=" + prefixes.get("group")))
                    .anyMatch(a -> a.startsWith("sink.transactional-id-prefix=" + prefixes.get("transactionalId")));
        }
    }

    private List<Resource> deployments() {
        List<Resource> deployments = resources.stream().filter(r -> r.kind().equals("FlinkDeployment")).toList();
        assertThat(deployments).isNotEmpty();
        return deployments;
    }

    private Resource single(String kind) {
        List<Resource> matching = resources.stream().filter(r -> r.kind().equals(kind)).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }
}
