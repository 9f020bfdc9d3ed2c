package io.clipstream.jobs.source;

import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.LabelUpdate;
import io.clipstream.jobs.event.Timings;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.LabelEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/** Turns decoded Avro events into the records the operators take. */
@Internal
public final class InputRecords {
    private InputRecords() {}

    public static CaptionToEncode caption(Decoded<CaptionEvent> in) {
        CaptionEvent e = in.event;
        Timings t = new Timings(e.getEventTime().toEpochMilli(), in.ingestMs);
        t.producedMs = in.producedMs;
        return new CaptionToEncode(e.getCaptionId().toString(), e.getKey() == null ? null : e.getKey().toString(),
                e.getText().toString(), in.provenance(), t);
    }

    public static LabelUpdate label(Decoded<LabelEvent> in) {
        LabelEvent e = in.event;
        List<String> templates = new ArrayList<>();
        e.getPromptTemplates().forEach(s -> templates.add(s.toString()));
        return new LabelUpdate(e.getVocabulary().toString(), e.getLabel().toString(), templates, e.getDeleted(),
                in.provenance());
    }
}
