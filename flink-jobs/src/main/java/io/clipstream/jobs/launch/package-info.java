/**
 * The one launcher of the pipeline's jobs: the job registry ({@link io.clipstream.jobs.launch.PipelineJobs}),
 * the arguments and files that become a job configuration ({@link io.clipstream.jobs.launch.JobArguments}),
 * the model-folder rule ({@link io.clipstream.jobs.launch.ModelFolderLookup}) and the entry point a
 * Flink cluster runs ({@link io.clipstream.jobs.launch.ClusterEntryPoint}). The CLI's {@code run},
 * {@code demo} and {@code bench pipeline} commands and the cluster all start jobs through it.
 */
package io.clipstream.jobs.launch;
