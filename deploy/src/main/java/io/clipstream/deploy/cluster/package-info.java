/**
 * A Flink session cluster of separate JVM processes on one machine — one JobManager and any number of
 * TaskManagers — started from the same class path a container image has (the Flink distribution plus
 * DJL in {@code lib/}), with a REST client to submit the thin job jar and watch it.
 */
package io.clipstream.deploy.cluster;
