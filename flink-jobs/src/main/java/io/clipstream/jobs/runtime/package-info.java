/**
 * The embedded runtime: an in-process Kafka broker in KRaft mode and a local Flink cluster in the
 * same JVM, with the pipeline's topics created, for the demo, local runs and integration tests.
 */
package io.clipstream.jobs.runtime;
