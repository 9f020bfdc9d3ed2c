/** The picocli command line of the core: model commands, training, evaluation, benchmarks. */
package io.clipstream.cli;
