/**
 * Kafka sources of the pipeline: records are read as bytes and decoded without ever throwing;
 * what is not a valid event leaves as a dead letter, the rest continues with its provenance.
 */
package io.clipstream.jobs.source;
