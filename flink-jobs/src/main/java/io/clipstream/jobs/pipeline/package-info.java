/**
 * The jobs: {@code match}, {@code tag} and {@code embed}. Each takes its sources and sinks as
 * arguments (Kafka in production, anything in tests) and builds its graph in {@code execute}.
 */
package io.clipstream.jobs.pipeline;
