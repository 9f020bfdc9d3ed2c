package io.clipstream.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.source.SourceOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class PipelineJobsTest {

    @Test
    void eachJobHasItsOwnConsumerGroupUnlessOneIsSet() {
        Configuration none = new Configuration();
        assertThat(PipelineJobs.configurationOf("match", none).get(SourceOptions.GROUP_ID)).isEqualTo("clipstream-match");
        assertThat(PipelineJobs.configurationOf("tag", none).get(SourceOptions.GROUP_ID)).isEqualTo("clipstream-tag");
        assertThat(none.contains(SourceOptions.GROUP_ID)).as("the caller's configuration is left as it is").isFalse();

        Configuration set = new Configuration();
        set.set(SourceOptions.GROUP_ID, "team-a");
        assertThat(PipelineJobs.configurationOf("embed", set).get(SourceOptions.GROUP_ID)).isEqualTo("team-a");
    }

    @Test
    void everyRegisteredJobGetsADistinctDefaultGroup() {
        assertThat(PipelineJobs.names()).extracting(SourceOptions::defaultGroupId).doesNotHaveDuplicates()
                .allMatch(g -> g.startsWith("clipstream-"));
    }
}
