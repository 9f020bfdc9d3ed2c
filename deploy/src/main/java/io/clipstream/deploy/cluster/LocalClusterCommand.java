package io.clipstream.deploy.cluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of the local cluster ({@code deploy/local-cluster.sh} runs it):
 *
 * <pre>
 * start  [--task-managers N] [--bind-address ADDR] [-Dkey=value ...]
 *                                                 JobManager + N TaskManagers (default 2), on loopback unless ADDR
 * submit JAR --class ENTRY [--parallelism P] [ARGS ...]   upload and run a job jar, print its job id
 * status                                          TaskManagers, slots and every job with its state
 * add-tm | kill-tm NAME                           one more TaskManager | kill -9 of one
 * stop                                            stop every process of the cluster
 * </pre>
 *
 * The cluster's folder comes from {@code --dir DIR} (before the command) and holds its configuration,
 * pid files and logs.
 */
public final class LocalClusterCommand {

    private LocalClusterCommand() {}

    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(List.of(argv));
        Path dir = Path.of("local-cluster");
        if (args.size() >= 2 && args.get(0).equals("--dir")) {
            dir = Path.of(args.remove(1));
            args.remove(0);
        }
        if (args.isEmpty()) {
            usage("no command");
        }
        String command = args.remove(0);
        switch (command) {
            case "start" -> start(dir, args);
            case "submit" -> submit(dir, args);
            case "status" -> status(LocalCluster.attach(dir));
            case "add-tm" -> System.out.println(LocalCluster.attach(dir).startTaskManager());
            case "kill-tm" -> {
                if (args.isEmpty()) {
                    usage("kill-tm needs a TaskManager name (see status)");
                }
                LocalCluster.attach(dir).killTaskManager(args.get(0));
            }
            case "stop" -> LocalCluster.attach(dir).stop();
            default -> usage("unknown command " + command);
        }
    }

    private static void start(Path dir, List<String> args) throws Exception {
        Configuration overrides = new Configuration();
        List<Path> libs = new ArrayList<>();
        int taskManagers = LocalClusterOptions.TASK_MANAGERS.defaultValue();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--task-managers")) {
                taskManagers = Integer.parseInt(args.get(++i));
            } else if (arg.equals("--bind-address")) {
                overrides.set(LocalClusterOptions.BIND_ADDRESS, args.get(++i));
            } else if (arg.equals("--lib")) {
                libs.add(Path.of(args.get(++i)));
            } else if (arg.startsWith("-D") && arg.contains("=")) {
                overrides.setString(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                usage("start does not take " + arg);
            }
        }
        if (libs.isEmpty()) {
            usage("start needs --lib folders (the launcher script passes them)");
        }
        LocalCluster cluster = LocalCluster.create(dir, libs, overrides);
        if (cluster.isJobManagerAlive()) {
            usage("a cluster already runs in " + dir + "; stop it first");
        }
        cluster.start(taskManagers);
        System.out.println("cluster up: " + cluster.restUri() + " with " + taskManagers + " TaskManagers; logs in "
                + cluster.workDir().resolve("log"));
    }

    private static void submit(Path dir, List<String> args) throws Exception {
        if (args.isEmpty()) {
            usage("submit needs a jar");
        }
        Path jar = Path.of(args.remove(0));
        String entryClass = null;
        int parallelism = 0;
        List<String> programArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--class" -> entryClass = args.get(++i);
                case "--parallelism" -> parallelism = Integer.parseInt(args.get(++i));
                case "--" -> {
                    programArgs.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> programArgs.add(args.get(i));
            }
        }
        if (entryClass == null) {
            usage("submit needs --class");
        }
        FlinkRestClient rest = LocalCluster.attach(dir).rest();
        String jobId = rest.runJar(rest.uploadJar(jar), entryClass, programArgs, parallelism);
        System.out.println(jobId);
    }

    private static void status(LocalCluster cluster) throws Exception {
        System.out.println("JobManager " + (cluster.isJobManagerAlive() ? "alive" : "not running")
                + ", REST " + cluster.restUri());
        System.out.println("TaskManager processes: " + cluster.liveTaskManagers());
        if (!cluster.isJobManagerAlive()) {
            return;
        }
        JsonNode overview = cluster.rest().clusterOverview();
        System.out.printf("registered TaskManagers %d, slots %d (free %d)%n", overview.path("taskmanagers").asInt(),
                overview.path("slots-total").asInt(), overview.path("slots-available").asInt());
        for (JsonNode job : cluster.rest().jobsOverview().path("jobs")) {
            System.out.printf("%s  %-10s %s  (%s)%n", job.path("jid").asText(), job.path("state").asText(),
                    job.path("name").asText(), Duration.ofMillis(job.path("duration").asLong()));
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: [--dir DIR] start [--task-managers N] [--bind-address ADDR] --lib DIR... [-Dkey=value...]"
                + " | submit JAR --class ENTRY [--parallelism P] [--] [ARGS...] | status | add-tm | kill-tm NAME | stop");
        System.exit(2);
    }
}
