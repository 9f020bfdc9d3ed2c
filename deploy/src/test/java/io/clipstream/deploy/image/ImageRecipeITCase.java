package io.clipstream.deploy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clipstream.deploy.DeployBuild;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image recipe cannot be built here (no container daemon), so this checks what can be checked
 * without one: every file the Dockerfile copies exists after {@code mvn package}, the job jar is thin
 * (no DJL, no Flink runtime), DJL and its natives are in the cluster lib folder, and the Flink
 * configuration the image ships parses and has the settings the jobs rely on.
 */
class ImageRecipeITCase {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_]+)}");

    private final Path root = DeployBuild.repositoryRoot();

    @Test
    void everyCopySourceExistsAfterPackage() throws IOException {
        List<String[]> copies = copyInstructions();
        assertThat(copies).hasSizeGreaterThanOrEqualTo(5);
        for (String[] copy : copies) {
            Path source = root.resolve(copy[0]);
            assertThat(source).as("COPY %s %s", copy[0], copy[1]).exists();
            if (copy[0].endsWith("/")) {
                try (Stream<Path> files = Files.list(source)) {
                    assertThat(files.count()).as("%s is empty", copy[0]).isPositive();
                }
            }
        }
    }

    @Test
    void jobJarCarriesTheJobButNeitherDjlNorTheFlinkRuntime() throws IOException {
        try (JarFile jar = new JarFile(DeployBuild.jobJar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).noneMatch(n -> n.startsWith("ai/djl/"));
            // JNA loads its native part once per process: it comes with DJL on the cluster class path
            assertThat(names).noneMatch(n -> n.startsWith("com/sun/jna/"));
            assertThat(names).noneMatch(n -> n.startsWith("org/apache/flink/runtime/"));
            assertThat(names).noneMatch(n -> n.startsWith("org/apache/flink/streaming/api/environment/"));
            assertThat(names).noneMatch(n -> n.startsWith("kafka/server/") || n.startsWith("scala/"));
            assertThat(names).anyMatch(n -> n.startsWith("io/clipstream/jobs/pipeline/"));
            assertThat(names).anyMatch(n -> n.startsWith("io/clipstream/model/"));
            assertThat(names).anyMatch(n -> n.startsWith("org/apache/flink/connector/kafka/"));
            assertThat(names).contains("org/apache/kafka/clients/producer/KafkaProducer.class");
            // the image fetcher's HTTP client: not on a Flink distribution's class path
            assertThat(names).contains("org/apache/hc/client5/http/DnsResolver.class", "org/apache/hc/core5/http/HttpHost.class");
            // image readers register as services: the merged file must list every plugin's reader
            String readers = new String(jar.getInputStream(jar.getEntry("META-INF/services/javax.imageio.spi.ImageReaderSpi"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(readers).contains("jpeg").contains("webp").contains("bmp");
        }
    }

    @Test
    void clusterLibHoldsDjlAndItsNativesAndFlinkLibDoesNot() throws IOException {
        List<String> cluster = fileNames(DeployBuild.clusterLib());
        assertThat(cluster).anyMatch(n -> n.startsWith("api-"))
                .anyMatch(n -> n.startsWith("pytorch-engine-"))
                .anyMatch(n -> n.startsWith("pytorch-jni-"))
                .anyMatch(n -> n.startsWith("pytorch-native-cpu-"))
                .anyMatch(n -> n.startsWith("tokenizers-"))
                .anyMatch(n -> n.startsWith("jna-"))
                .noneMatch(n -> n.startsWith("flink-"));
        assertThat(fileNames(DeployBuild.flinkLib())).anyMatch(n -> n.startsWith("flink-runtime-"))
                .noneMatch(n -> n.startsWith("pytorch-") || n.startsWith("tokenizers-"));
    }

    @Test
    void imageConfigurationEnablesCheckpointsBoundedRestartsAndTheGpu() throws IOException {
        JsonNode conf = new YAMLMapper().readTree(root.resolve("deploy/conf/config.yaml").toFile());
        JsonNode checkpointing = conf.path("execution").path("checkpointing");
        assertThat(checkpointing.path("interval").asText()).isNotBlank();
        assertThat(checkpointing.path("mode").asText()).isEqualTo("EXACTLY_ONCE");
        assertThat(checkpointing.path("dir").asText()).isNotBlank();
        JsonNode restart = conf.path("restart-strategy");
        assertThat(restart.path("type").asText()).isIn("fixed-delay", "exponential-delay", "failure-rate");
        assertThat(restart.path("exponential-delay").path("attempts-before-reset-backoff").asInt()).isPositive();
        assertThat(conf.path("external-resources").asText()).isEqualTo("gpu");
        JsonNode gpu = conf.path("external-resource").path("gpu");
        assertThat(gpu.path("amount").asInt()).isEqualTo(1);
        assertThat(gpu.path("driver-factory").path("class").asText())
                .isEqualTo("org.apache.flink.externalresource.gpu.GPUDriverFactory");
        assertThat(gpu.path("kubernetes").path("config-key").asText()).isEqualTo("nvidia.com/gpu");
        assertThat(gpu.path("param").path("discovery-script").path("path").asText()).endsWith("nvidia-gpu-discovery.sh");
    }

    @Test
    void gpuVariantIsABuildArgument() throws IOException {
        String recipe = Files.readString(root.resolve("deploy/Dockerfile"));
        assertThat(recipe).contains("ARG PYTORCH_FLAVOR=cpu").contains("FROM ${FLINK_IMAGE}")
                .contains("ARG FLINK_IMAGE=flink:2.2.1-java17").contains("rm -f /opt/flink/lib/pytorch-native-cpu-");
    }

    @Test
    void theImageHasLibjpegTurboForTheJpegDecoder() throws IOException {
        String recipe = Files.readString(root.resolve("deploy/Dockerfile"));
        assertThat(recipe).contains("apt-get install -y --no-install-recommends libturbojpeg")
                .contains("grep -q 'libturbojpeg\\.so\\.0 '");
    }

    @Test
    void theImageTheLauncherAndTheLocalClusterSetTheSameNativeMemoryDefaults() throws IOException {
        // a large model's tensors otherwise scatter across glibc's arenas (deploy/README.md, "Native memory")
        String recipe = Files.readString(root.resolve("deploy/Dockerfile"));
        assertThat(recipe).contains("MALLOC_ARENA_MAX=2").contains("OMP_WAIT_POLICY=PASSIVE");
        for (String script : List.of("clipstream", "deploy/local-cluster.sh")) {
            assertThat(Files.readString(root.resolve(script))).as(script)
                    .contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"")
                    .contains("export OMP_WAIT_POLICY=\"${OMP_WAIT_POLICY:-PASSIVE}\"");
        }
        // training alone spins its threads: sleeping between small ops costs what a second thread gains
        assertThat(Files.readString(root.resolve("clipstream")))
                .contains("if [[ \"${1:-}\" == train ]]; then\n  export OMP_WAIT_POLICY=\"${OMP_WAIT_POLICY:-ACTIVE}\"");
    }

    /** {@code [source, destination]} of every COPY without {@code --from}, ARG defaults substituted. */
    private List<String[]> copyInstructions() throws IOException {
        Map<String, String> args = new HashMap<>();
        // the build folder of this run stands in for the recipe's default
        args.put("BUILD_DIR", root.relativize(DeployBuild.buildDir()).toString());
        List<String[]> copies = new ArrayList<>();
        String recipe = Files.readString(root.resolve("deploy/Dockerfile")).replace("\\\n", " ");
        for (String line : recipe.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("ARG") && words[1].contains("=")) {
                String[] kv = words[1].split("=", 2);
                args.putIfAbsent(kv[0], kv[1]);
            } else if (words[0].equals("COPY") && !line.contains("--from")) {
                copies.add(new String[] {substitute(words[1], args), substitute(words[2], args)});
            }
        }
        return copies;
    }

    private static String substitute(String value, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
