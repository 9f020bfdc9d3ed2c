/**
 * Zero-shot tagging against label vocabularies that change while the job runs: label updates are
 * broadcast to every subtask, their prompts encoded once per change (a prompt ensemble averaged and
 * re-normalised) and held in broadcast state; every encoded image gets its top-k labels.
 * {@link io.clipstream.jobs.tag.Tagging} wires it into a job.
 */
package io.clipstream.jobs.tag;
