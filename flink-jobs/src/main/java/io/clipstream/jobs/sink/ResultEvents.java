package io.clipstream.jobs.sink;

import io.clipstream.jobs.event.LabelScore;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.TagResult;
import io.clipstream.schemas.Decision;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import io.clipstream.schemas.Timings;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/** Turns the operators' results into the Avro events of the output topics. */
@Internal
public final class ResultEvents {
    private ResultEvents() {}

    public static MatchEvent match(MatchResult m) {
        io.clipstream.jobs.event.Timings t = m.timings == null ? new io.clipstream.jobs.event.Timings() : m.timings;
        long emit = System.currentTimeMillis();
        return MatchEvent.newBuilder()
                .setImageId(m.imageId).setCaptionId(m.captionId).setKey(m.key)
                .setCosine(m.cosine).setProbability(m.probability).setRank(m.rank)
                .setDecision(m.decision != null && m.decision.name().equals("MATCH") ? Decision.MATCH : Decision.NO_MATCH)
                .setModelId(m.modelId == null ? "" : m.modelId)
                .setTimings(Timings.newBuilder().setProducedMs(t.producedMs).setIngestMs(t.ingestMs)
                        .setEncodeMs(t.encodedMs).setEmitMs(emit).build())
                .build();
    }

    public static TagEvent tag(TagResult r) {
        List<io.clipstream.schemas.LabelScore> labels = new ArrayList<>();
        for (LabelScore s : r.labels) {
            labels.add(new io.clipstream.schemas.LabelScore(s.label, s.score, s.probability));
        }
        return TagEvent.newBuilder().setImageId(r.imageId).setKey(r.key).setVocabulary(r.vocabulary)
                .setLabels(labels).setModelId(r.modelId == null ? "" : r.modelId).build();
    }
}
