package io.clipstream.deploy.cluster;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the local multi-process cluster. Flink's own options (memory, slots, checkpointing) are
 * passed through unchanged into the generated {@code config.yaml}; these only shape the launcher.
 */
public final class LocalClusterOptions {

    private LocalClusterOptions() {}

    public static final ConfigOption<Integer> TASK_MANAGERS = ConfigOptions.key("local-cluster.task-managers")
            .intType().defaultValue(2)
            .withDescription("TaskManager processes started with the cluster.");

    public static final ConfigOption<String> JAVA_OPTIONS = ConfigOptions.key("local-cluster.java-options")
            .stringType().defaultValue("-XX:+UseParallelGC -Dai.djl.offline=true")
            .withDescription("Extra JVM options of every cluster process (DJL offline: natives come from the jars).");

    public static final ConfigOption<Integer> STARTUP_TIMEOUT_SECONDS = ConfigOptions
            .key("local-cluster.startup-timeout-seconds").intType().defaultValue(120)
            .withDescription("How long start waits for the REST endpoint and the TaskManagers to register.");

    public static final ConfigOption<String> BIND_ADDRESS = ConfigOptions.key("local-cluster.bind-address")
            .stringType().defaultValue("127.0.0.1")
            .withDescription("Address the cluster's processes (REST, RPC, blob server, data exchange) and the broker of"
                    + " 'kafka' listen on; 0.0.0.0 listens on every interface.");

    /**
     * The Flink address settings for {@code bind}: every endpoint binds there; the processes find
     * each other there too, or on loopback when {@code bind} means every interface.
     */
    static String[][] addressSettings(String bind) {
        boolean everywhere = bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::");
        String reach = everywhere ? "127.0.0.1" : bind;
        return new String[][] {
            {"jobmanager.bind-host", bind},
            {"taskmanager.bind-host", bind},
            {"rest.bind-address", bind},
            {"jobmanager.rpc.address", reach},
            {"taskmanager.host", reach},
            {"rest.address", reach},
        };
    }

    /** Flink defaults the launcher writes unless the caller sets them: small processes, quick failure detection. */
    static final String[][] FLINK_DEFAULTS = {
        {"jobmanager.memory.process.size", "1024m"},
        {"taskmanager.memory.process.size", "2048m"},
        {"taskmanager.numberOfTaskSlots", "2"},
        {"parallelism.default", "2"},
        // a killed TaskManager is declared dead after this, not after the 50 s default
        {"heartbeat.timeout", "10000"},
        {"heartbeat.interval", "2000"},
        {"restart-strategy.type", "fixed-delay"},
        {"restart-strategy.fixed-delay.attempts", "20"},
        {"restart-strategy.fixed-delay.delay", "2 s"},
        {"web.submit.enable", "true"},
    };

    /** Module access Flink needs on Java 17 (as the distribution's default JVM options grant). */
    static final String[] JAVA_17_OPENS = {
        "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.text=ALL-UNNAMED",
        "--add-opens=java.base/java.time=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
    };
}
