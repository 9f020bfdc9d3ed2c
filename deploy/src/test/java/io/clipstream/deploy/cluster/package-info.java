/**
 * Tests and benchmarks on the multi-process cluster: the thin job jar submitted over REST, an
 * in-process KRaft broker, TaskManagers killed with SIGKILL while the job runs.
 */
package io.clipstream.deploy.cluster;
