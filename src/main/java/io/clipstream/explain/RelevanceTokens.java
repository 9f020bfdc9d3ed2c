package io.clipstream.explain;

import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipTextConfig;

/**
 * Which token's row of the relevance matrix explains a tower's output: the token the tower pools.
 *
 * <ul>
 *   <li>CLIP vision: the class token, position 0; its row over positions 1.. is the patch map.</li>
 *   <li>CLIP text: the pooled end-of-text token (the first {@code eos_token_id}, or the highest id
 *       in a legacy config), exactly as the text tower pools; causal attention makes that row cover
 *       every earlier token.</li>
 *   <li>Families without a class token (SigLIP pools its patches with a multi-head attention probe,
 *       and its text at the last token): use the probe's attention over the patches as the query
 *       row (the probe is one more attention block whose single query is the learned probe), and
 *       the last token for text. Adding such a family means extending these two methods, nothing
 *       else in this package.</li>
 * </ul>
 */
final class RelevanceTokens {

    private RelevanceTokens() {}

    /** Position of the vision tower's pooled token; patches follow it at {@link #firstPatch}. */
    static int imageQuery(ClipConfig config) {
        return 0;
    }

    /** Position of the first patch token in the vision sequence. */
    static int firstPatch(ClipConfig config) {
        return 1;
    }

    /** Position of the pooled token of one tokenised text, the text tower's own rule. */
    static int textQuery(ClipConfig config, long[] ids) {
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
