package io.clipstream.explain;

import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipTextConfig;
import io.clipstream.model.ModelFamily;

/**
 * Which row of the relevance matrix explains a tower's output: the row of what the tower pools,
 * per model family.
 *
 * <ul>
 *   <li>CLIP and Chinese-CLIP vision (the same tower): the class token, position 0; its row over
 *       positions 1.. is the patch map.</li>
 *   <li>SigLIP vision has no class token: its head pools the patches with a multi-head attention
 *       probe, a learned query that is not one of the tokens. The probe's attention is one more
 *       tapped attention call after the encoder blocks, of shape {@code [heads, 1, patches]}; the
 *       image row is {@code mean_heads(relu(grad ⊙ probe_attn)) · R}, with {@code R} the encoder
 *       blocks' relevance ({@link AttentionRelevance#probeRow}). The probe starts with no
 *       relevance of its own (no identity term): everything it pools comes through its attention.
 *       Patches start at position 0.</li>
 *   <li>CLIP text: the pooled end-of-text token (the first {@code eos_token_id}, or the highest id
 *       in a legacy config), exactly as the text tower pools; causal attention makes that row cover
 *       every earlier token.</li>
 *   <li>SigLIP text: the last position of the row padded to {@code max_position_embeddings}, which
 *       the tower pools (attention is bidirectional and unmasked, so that row covers every token,
 *       the padding included).</li>
 *   <li>Chinese-CLIP text (BERT): the first token, {@code [CLS]}, which the tower projects; padding
 *       is masked out of the attention, so it gets no relevance.</li>
 * </ul>
 * Adding a family means extending these methods, nothing else in this package.
 */
final class RelevanceTokens {

    private RelevanceTokens() {}

    /** Whether the vision tower pools with an attention probe (one extra attention call) rather than a class token. */
    static boolean imageProbe(ClipConfig config) {
        return config.family() == ModelFamily.SIGLIP;
    }

    /** Position of the vision tower's class token; only for towers without a probe. */
    static int imageQuery(ClipConfig config) {
        if (imageProbe(config)) {
            throw new IllegalArgumentException(config.family() + " pools its image with an attention probe, not a token");
        }
        return 0;
    }

    /** Position of the first patch token in the vision sequence. */
    static int firstPatch(ClipConfig config) {
        return imageProbe(config) ? 0 : 1;
    }

    /** Length of the vision sequence the encoder blocks attend over. */
    static int imageTokens(ClipConfig config) {
        int grid = config.vision().gridSize();
        return grid * grid + firstPatch(config);
    }

    /** Position of the pooled token of one tokenised text (as the model reads it), the text tower's own rule. */
    static int textQuery(ClipConfig config, long[] ids) {
        if (config.family() == ModelFamily.SIGLIP) {
            return ids.length - 1;
        }
        if (config.family() == ModelFamily.CHINESE_CLIP) {
            return 0;
        }
        ClipTextConfig t = config.text();
        int best = 0;
        for (int i = 0; i < ids.length; i++) {
            if (t.legacyPooling()) {
                if (ids[i] > ids[best]) {
                    best = i;
                }
            } else if (ids[i] == t.eosTokenId()) {
                return i;
            }
        }
        return best;
    }
}
