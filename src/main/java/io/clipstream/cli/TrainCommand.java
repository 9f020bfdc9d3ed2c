package io.clipstream.cli;

import io.clipstream.train.ContrastiveTrainer;
import io.clipstream.train.TrainResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code clipstream train}: contrastive training from scratch or from a checkpoint folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a CLIP model contrastively on captioned datasets (from scratch, or fine-tune with --init).",
            "Writes a model folder in the Hugging Face CLIP layout to --out; checkpoints go to <out>/checkpoints."})
public final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin TrainFlags flags = new TrainFlags();

    @Override
    public Integer call() throws Exception {
        return CliErrors.run(spec.commandLine(), () -> {
            TrainResult result = new ContrastiveTrainer(flags.toOptions(), System.err).train();
            System.out.printf("trained %s: %d steps in %.0f s, final loss %.4f%n", result.modelDir(), result.losses().size(),
                    result.seconds(), result.losses().get(result.losses().size() - 1));
            return 0;
        });
    }
}
