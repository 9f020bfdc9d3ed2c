/**
 * Tests of the Kubernetes manifests under {@code k8s/}: they parse, validate against the CRD schemas of
 * the operator versions they target (Strimzi, Flink Kubernetes Operator), and keep the contracts of
 * the pipeline (topics, exactly-once, GPU task managers, durable state).
 */
package io.clipstream.deploy.k8s;
