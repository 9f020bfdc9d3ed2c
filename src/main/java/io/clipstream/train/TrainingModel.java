package io.clipstream.train;

import ai.djl.Device;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.dataset.DatasetEntry;
import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.ClipTextConfig;
import io.clipstream.model.ClipVisionConfig;
import io.clipstream.model.ModelFamily;
import io.clipstream.model.ModelFolder;
import io.clipstream.model.ModelLoadException;
import io.clipstream.preprocess.PreprocessorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network being trained with the two text files that travel with it: {@code tokenizer.json}
 * and {@code preprocessor_config.json}. Built from scratch (the tokenizer's vocabulary from the
 * training captions, the shape from {@link TrainOptions}) or read from an existing model folder.
 */
record TrainingModel(ClipNetwork network, String tokenizerJson, String preprocessorJson) implements AutoCloseable {

    /** A freshly initialised model shaped by the options, with a word-level tokenizer over the captions. */
    static TrainingModel fromScratch(TrainOptions o, List<CaptionDataset> datasets, Device device, Path scratch) {
        List<String> captions = new ArrayList<>();
        for (CaptionDataset d : datasets) {
            for (DatasetEntry e : d.entries()) {
                captions.add(e.label());
                captions.addAll(e.captions());
            }
        }
        if (o.synonymProbability > 0) {
            // the synonyms a caption may be rewritten with need tokens of their own in a word-level vocabulary
            SynonymReplacer synonyms = SynonymReplacer.wordNet();
            List<String> extra = new ArrayList<>();
            for (String c : captions) {
                for (String w : c.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
                    if (!w.isEmpty()) {
                        for (int n = 0; n < Math.max(1, o.minWordCount); n++) {
                            extra.addAll(synonyms.synonyms(w));
                        }
                    }
                }
            }
            captions.addAll(extra);
        }
        Map<String, Integer> vocab = WordTokenizerBuilder.vocabulary(captions, o.minWordCount);
        Path tokenizer = scratch.resolve(ModelFolder.TOKENIZER);
        try {
            WordTokenizerBuilder.write(vocab, o.contextLength, tokenizer);
            String tokenizerJson = Files.readString(tokenizer);
            ClipTextConfig text = new ClipTextConfig(vocab.size(), o.textWidth, o.textWidth * o.mlpRatio, o.textLayers,
                    o.textHeads, o.contextLength, "quick_gelu", 1e-5, WordTokenizerBuilder.EOS_ID);
            ClipVisionConfig vision = new ClipVisionConfig(o.visionWidth, o.visionWidth * o.mlpRatio, o.visionLayers,
                    o.visionHeads, 3, o.imageSize, o.patchSize, "quick_gelu", 1e-5);
            ClipConfig config = new ClipConfig(text, vision, o.projectionDim, o.logitScaleInit);
            // a model trained from scratch sees transparent images over white, and its folder says so
            String preprocessor = PreprocessorConfig.builder().optShortestEdge(o.imageSize).optCropSize(o.imageSize)
                    .optAlphaBackground(0xFFFFFF).build().toJson();
            return new TrainingModel(ClipNetwork.random(config, o.seed, device), tokenizerJson, preprocessor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The network, tokenizer and preprocessor config of an existing model folder. */
    static TrainingModel load(Path dir, Device device) {
        ModelFamily family = ModelFolder.readConfig(dir).family();
        if (family != ModelFamily.CLIP) {
            // the trainer's symmetric InfoNCE, tokenisation and padding are CLIP's
            throw new ModelLoadException("train fine-tunes CLIP checkpoints; " + dir + " is " + family.architecture()
                    + ", which embed, score, eval and the pipeline run but train does not");
        }
        try {
            String tokenizerJson = Files.readString(dir.resolve(ModelFolder.TOKENIZER));
            String preprocessor = Files.readString(dir.resolve(ModelFolder.PREPROCESSOR_CONFIG));
            return new TrainingModel(ClipNetwork.load(dir, device), tokenizerJson, preprocessor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer or preprocessor config of " + dir, e);
        }
    }

    /** Writes the model folder in the Hugging Face CLIP layout plus {@code clipstream.json}. */
    void write(Path dir, String clipstreamJson) {
        ModelFolder.writer(dir).setNetwork(network).setTokenizerJson(tokenizerJson)
                .setPreprocessorConfigJson(preprocessorJson).optFile("clipstream.json", clipstreamJson).write();
    }

    @Override
    public void close() {
        network.close();
    }
}
