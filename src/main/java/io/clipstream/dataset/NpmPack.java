package io.clipstream.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches an npm package tarball with the user's own {@code npm pack}, so registry, proxy and
 * credentials come from the user's npm configuration and never from this code. A tarball already in
 * the folder is reused, which also lets tests and offline machines supply them by hand.
 */
final class NpmPack {

    private static final long TIMEOUT_MINUTES = 15;

    private NpmPack() {}

    /** Tarball file name npm gives {@code name@version}. */
    static String tarballName(String name, String version) {
        return name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** Returns the tarball of {@code name@version} in {@code folder}, running {@code npm pack} when it is absent. */
    static Path fetch(String name, String version, Path folder) throws IOException {
        Path tarball = folder.resolve(tarballName(name, version));
        if (Files.isRegularFile(tarball)) {
            return tarball;
        }
        Files.createDirectories(folder);
        List<String> command = List.of("npm", "pack", name + "@" + version, "--pack-destination", folder.toAbsolutePath().toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run npm (is it installed?) to fetch " + name + "@" + version
                    + "; alternatively place " + tarball.getFileName() + " in " + folder, e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("npm pack " + name + "@" + version + " timed out");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + name, e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(tarball)) {
            throw new IOException("npm pack " + name + "@" + version + " failed (exit " + process.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        return tarball;
    }
}
