/**
 * The pipeline's commands of the {@code clipstream} launcher: {@code demo}, {@code run},
 * {@code produce}, {@code consume}, {@code options} and {@code bench pipeline}.
 */
package io.clipstream.jobs.cli;
