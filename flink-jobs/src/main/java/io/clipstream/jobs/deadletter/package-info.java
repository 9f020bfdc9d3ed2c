/**
 * Dead letters: every input the pipeline cannot process becomes a {@code DeadLetterEvent} with a
 * stable reason code, the stage that refused it, where it came from and its (size-capped) bytes,
 * so nothing is lost and the job keeps running.
 */
package io.clipstream.jobs.deadletter;
