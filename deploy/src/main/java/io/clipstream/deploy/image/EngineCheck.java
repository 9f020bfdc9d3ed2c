package io.clipstream.deploy.image;

import ai.djl.engine.Engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run while the image is built: loads DJL's PyTorch engine from the cluster class path — for a GPU
 * flavor this is when DJL downloads the libtorch CUDA build into its cache — and checks that the
 * bundled model folder is complete. Exits non-zero when anything is missing, so a broken image fails
 * its build rather than its first job.
 */
public final class EngineCheck {

    private EngineCheck() {}

    public static void main(String[] args) {
        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf("engine %s %s, GPUs visible now: %d%n", engine.getEngineName(), engine.getVersion(),
                engine.getGpuCount());
        for (String modelDir : args) {
            for (String file : new String[] {"config.json", "model.safetensors", "tokenizer.json",
                "preprocessor_config.json"}) {
                if (!Files.isRegularFile(Path.of(modelDir, file))) {
                    System.err.println("model folder " + modelDir + " lacks " + file);
                    System.exit(1);
                }
            }
            System.out.println("model folder " + modelDir + " complete");
        }
    }
}
