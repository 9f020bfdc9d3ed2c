package io.clipstream.jobs.record;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * A record an operator refused, with enough context to find and replay it: the stage that refused
 * it, a reason code, a message, the record's id and where it was read from.
 *
 * <p>Operators emit these to {@link #OUTPUT_TAG}; read them with
 * {@code operator.getSideOutput(Rejected.OUTPUT_TAG)}.
 */
public class Rejected {

    /** The side output every operator of the jobs uses for refused records. */
    public static final OutputTag<Rejected> OUTPUT_TAG =
            new OutputTag<>("clipstream-rejected", TypeInformation.of(Rejected.class));

    /** The operator that refused the record, e.g. {@code encode-images}, {@code tag}. */
    public String stage;
    public RejectReason reason;
    public String message;
    /** The id of the refused image, caption or label ({@code vocabulary/label}). */
    public String sourceId;
    public Provenance provenance;
    /** The original payload where the operator still has it (size-capped by the dead-letter sink); may be {@code null}. */
    public byte[] payload;
    /** When the record was refused, epoch milliseconds. */
    public long rejectedMs;

    public Rejected() {}

    public Rejected(String stage, RejectReason reason, String message, String sourceId, Provenance provenance) {
        this.stage = stage;
        this.reason = reason;
        this.message = message;
        this.sourceId = sourceId;
        this.provenance = provenance;
        this.rejectedMs = System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "Rejected{" + stage + ", " + reason + ", id=" + sourceId + ", from=" + provenance + ": " + message + "}";
    }
}
