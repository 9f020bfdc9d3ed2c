package io.clipstream.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.source.SourceOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class PipelineJobsTest {

    @Test
    void eachJobHasItsOwnConsumerGroupUnlessOneIsSet() {
        // the one default, which every job's sources take (ClipSources)
        Configuration none = new Configuration();
        assertThat(SourceOptions.groupId(none, "match")).isEqualTo("clipstream-match");
        assertThat(SourceOptions.groupId(none, "tag")).isEqualTo("clipstream-tag");

        Configuration set = new Configuration();
        set.set(SourceOptions.GROUP_ID, "team-a");
        assertThat(SourceOptions.groupId(set, "embed")).isEqualTo("team-a");
    }

    @Test
    void everyRegisteredJobGetsADistinctDefaultGroup() {
        assertThat(PipelineJobs.names()).extracting(SourceOptions::defaultGroupId).doesNotHaveDuplicates()
                .allMatch(g -> g.startsWith("clipstream-"));
    }
}
