/**
 * The batching encoder: records wait in a small bounded batch until it is full or its oldest
 * record has waited long enough, then one model call encodes them all. The model is loaded once
 * per task-manager process and shared by every slot; the GPU is the one Flink assigned to the task
 * manager through the external resource {@code gpu}.
 *
 * <p>{@link io.clipstream.jobs.encode.BatchingEncoders} wires the operators into a job;
 * {@link io.clipstream.jobs.encode.PerRecordEncodeFunction} is the one-call-per-record design the
 * benchmarks compare against.
 */
package io.clipstream.jobs.encode;
