package io.clipstream.jobs.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A change to one label of a vocabulary, read from the compacted labels topic: an addition or
 * update (with its prompt templates) or, with {@link #deleted}, a removal.
 */
@PublicEvolving
public class LabelUpdate {

    /** The template used when an update names none. */
    public static final String DEFAULT_TEMPLATE = io.clipstream.align.PromptEnsemble.DEFAULT_TEMPLATE;

    public String vocabulary;
    public String label;
    /** Prompt templates, each with one {@code {}} where the label goes; empty means the default. */
    public List<String> templates = new ArrayList<>();
    public boolean deleted;
    /**
     * Token ids of the update's prompts (its templates filled with the label), in order, as the
     * model's tokenizer gives them: set by the tokenize stage; empty for a removal.
     */
    public List<int[]> promptTokens = new ArrayList<>();
    public Provenance provenance;

    public LabelUpdate() {}

    public LabelUpdate(String vocabulary, String label, List<String> templates, boolean deleted, Provenance provenance) {
        this.vocabulary = vocabulary;
        this.label = label;
        this.templates = templates == null ? new ArrayList<>() : new ArrayList<>(templates);
        this.deleted = deleted;
        this.provenance = provenance;
    }

    /** This update with {@code promptTokens}; the other fields are shared, not copied. */
    public LabelUpdate withPromptTokens(List<int[]> promptTokens) {
        LabelUpdate u = new LabelUpdate();
        u.vocabulary = vocabulary;
        u.label = label;
        u.templates = templates;
        u.deleted = deleted;
        u.provenance = provenance;
        u.promptTokens = promptTokens;
        return u;
    }

    /** An addition or update of {@code label}. */
    public static LabelUpdate upsert(String vocabulary, String label, List<String> templates) {
        return new LabelUpdate(vocabulary, label, templates, false, Provenance.unknown());
    }

    /** A removal of {@code label}. */
    public static LabelUpdate delete(String vocabulary, String label) {
        return new LabelUpdate(vocabulary, label, List.of(), true, Provenance.unknown());
    }

    @Override
    public String toString() {
        return "LabelUpdate{" + vocabulary + "/" + label + (deleted ? " deleted" : " templates=" + templates) + "}";
    }
}
