/**
 * Kafka sinks of the pipeline: Avro single-object values with CloudEvents headers (Kafka binary
 * binding), exactly-once through Kafka transactions by default.
 */
package io.clipstream.jobs.sink;
