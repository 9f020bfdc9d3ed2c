/** The entry point of the thin job jar on a Flink cluster (session or application mode). */
package io.clipstream.deploy.job;
