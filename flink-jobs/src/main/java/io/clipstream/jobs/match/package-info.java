/**
 * Matching images with captions: by correlation key ({@link io.clipstream.jobs.match.KeyedMatchFunction}),
 * without a key against the recent images of every partition
 * ({@link io.clipstream.jobs.match.RecentImagesMatchFunction} then
 * {@link io.clipstream.jobs.match.TopKMergeFunction}), and images against the candidate captions
 * they carry ({@link io.clipstream.jobs.match.CandidateScoringFunction}).
 * {@link io.clipstream.jobs.match.Matching} wires them into a job.
 */
package io.clipstream.jobs.match;
