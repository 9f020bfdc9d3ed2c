package io.clipstream.cli;

import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipTextConfig;
import io.clipstream.model.ClipVisionConfig;
import io.clipstream.model.ModelFamily;
import io.clipstream.model.ModelFolder;
import io.clipstream.model.TokenizerFiles;
import io.clipstream.model.WeightsSummary;
import io.clipstream.preprocess.PreprocessorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code clipstream models inspect DIR}: what a model folder holds, read from its files without
 * loading the weights: family, towers, sizes, parameter count, stored dtypes, tokenizer,
 * preprocessing and scoring rule.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a model folder's family, towers, sizes, parameter count, dtype, tokenizer and preprocessing.")
final class ModelsInspectCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The model folder.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        return CliErrors.run(spec.commandLine(), () -> {
            ClipConfig config = ModelFolder.readConfig(dir);
            WeightsSummary weights = WeightsSummary.of(ModelFolder.weightsFile(dir));
            PreprocessorConfig pre = PreprocessorConfig.load(dir.resolve(ModelFolder.PREPROCESSOR_CONFIG));
            PrintWriter out = spec.commandLine().getOut();
            ModelFamily family = config.family();
            out.printf("folder        %s%n", dir);
            out.printf("family        %s (%s)%n", family.modelType(), family.architecture());
            ClipVisionConfig v = config.vision();
            out.printf(Locale.ROOT, "vision tower  %s: width %d, %d layers, %d heads, MLP %d, %s, image %d, patch %d%s%n",
                    family == ModelFamily.SIGLIP ? "ViT, attention-pooling head" : "ViT, class token",
                    v.hiddenSize(), v.numHiddenLayers(), v.numAttentionHeads(), v.intermediateSize(), v.hiddenAct(),
                    v.imageSize(), v.patchSize(), family == ModelFamily.SIGLIP ? "" : ", projection");
            ClipTextConfig t = config.text();
            String text = switch (family) {
                case SIGLIP -> "transformer, last position, head";
                case CHINESE_CLIP -> "BERT, [CLS], projection";
                default -> "causal transformer, end of text, projection";
            };
            out.printf(Locale.ROOT, "text tower    %s: width %d, %d layers, %d heads, MLP %d, %s, vocabulary %d, context %d%n",
                    text, t.hiddenSize(), t.numHiddenLayers(), t.numAttentionHeads(), t.intermediateSize(),
                    t.hiddenAct(), t.vocabSize(), t.maxPositionEmbeddings());
            out.printf("embedding     %d%n", config.projectionDim());
            out.printf(Locale.ROOT, "parameters    %,d in %d tensors%n", weights.parameters(), weights.tensors());
            out.printf("dtype         %s%n", String.join(", ", weights.dtypes()));
            out.printf("tokenizer     %s%s%n", TokenizerFiles.describe(dir),
                    family == ModelFamily.SIGLIP ? ", every text padded to the context" : "");
            out.printf("preprocessing %s%n", preprocessing(pre));
            out.printf("scores        %s%n", family.sigmoidScores()
                    ? "sigmoid(exp(logit_scale) * cosine + logit_bias) per pair"
                    : "softmax of exp(logit_scale) * cosine over the candidates");
            out.flush();
            return 0;
        });
    }

    private static String triple(float[] v) {
        return String.format(Locale.ROOT, "[%.4f, %.4f, %.4f]", v[0], v[1], v[2]);
    }

    private static String preprocessing(PreprocessorConfig c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.alphaBackground().isPresent()
                ? String.format("transparency over #%06X", c.alphaBackground().getAsInt())
                : "alpha dropped (PIL convert(\"RGB\"))");
        if (c.doResize()) {
            sb.append(c.shortestEdge() > 0 ? ", shortest side to " + c.shortestEdge()
                    : ", resize to " + c.resizeHeight() + "x" + c.resizeWidth());
            sb.append(" (").append(c.resample().name().toLowerCase(Locale.ROOT)).append(")");
        }
        if (c.doCenterCrop()) {
            sb.append(", centre crop ").append(c.cropHeight()).append("x").append(c.cropWidth());
        }
        if (c.doRescale()) {
            sb.append(", rescale ").append(String.format(Locale.ROOT, "%.6g", c.rescaleFactor()));
        }
        if (c.doNormalize()) {
            sb.append(", mean ").append(triple(c.imageMean())).append(" std ").append(triple(c.imageStd()));
        }
        return sb.toString();
    }
}
