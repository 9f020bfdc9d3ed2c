package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * The prologue every text tower (CLIP, SigLIP, BERT) shares: token ids checked against the
 * tower's context, then token embeddings plus the embeddings of positions {@code 0..length-1}.
 */
final class TextEmbeddings {

    private TextEmbeddings() {}

    /**
     * {@code ids} as INT64, after checking that they are {@code [batch, length]} with
     * {@code 1 <= length <= max_position_embeddings}.
     */
    static NDArray checkedIds(NDArray ids, ClipTextConfig t) {
        Shape shape = ids.getShape();
        if (shape.dimension() != 2 || shape.get(1) < 1) {
            throw new IllegalArgumentException("token ids must have shape [batch, length], got " + shape);
        }
        long length = shape.get(1);
        if (length > t.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("token sequence of length " + length
                    + " exceeds max_position_embeddings " + t.maxPositionEmbeddings());
        }
        return ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
    }

    /** {@code token[ids] + position[0:length]}, {@code [batch, length, hidden]}, on the ids' manager. */
    static NDArray tokenPlusPosition(NDArray ids, NDArray tokenWeight, NDArray positionWeight) {
        long length = ids.getShape().get(1);
        NDArray tokens = Embedding.embedding(ids, tokenWeight, SparseFormat.DENSE).singletonOrThrow();
        return tokens.add(positionWeight.get(ids.getManager(), new NDIndex("0:{}", length)));
    }
}
