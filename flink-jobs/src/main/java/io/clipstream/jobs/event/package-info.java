/**
 * The in-flight records passed between the operators of the clipstream jobs.
 *
 * <p>Every type is a Flink POJO (public no-argument constructor, public fields; lists and maps use
 * Flink's own serializers, not Kryo), so the jobs can run with generic types disabled. Records
 * that an operator refuses leave as dead letters through the one side output
 * {@link io.clipstream.jobs.deadletter.DeadLetters#TAG}, which the jobs route to the dead-letter topic.
 */
package io.clipstream.jobs.event;
