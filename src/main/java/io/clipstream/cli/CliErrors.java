package io.clipstream.cli;

import io.clipstream.model.ModelLoadException;
import io.clipstream.preprocess.ImageRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Runs a command body and turns the errors a user can cause (a bad model folder, an unreadable
 * image, bad input) into one line on stderr and exit code 1, instead of a stack trace.
 */
final class CliErrors {
    static final int USER_ERROR = 1;

    private CliErrors() {}

    static int run(CommandLine cli, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (Exception e) {
            return handle(e, cli, null);
        }
    }

    /**
     * The same for every command of the tree, as picocli's execution exception handler: a command
     * that does not wrap its body in {@link #run} still reports a user's error in one line; any
     * other exception is thrown on, with its stack trace.
     */
    static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ModelLoadException || e instanceof ImageRejectedException || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException || e instanceof IOException) {
            cli.getErr().println(cli.getCommandName() + ": " + e.getMessage());
            return USER_ERROR;
        }
        throw e;
    }
}
