package io.clipstream.jobs.encode;

/** The batching encoder's cases with its default model thread, one batch in flight. */
class BatchingEncodeOperatorTest extends BatchingEncoderCases {

    @Override
    int inFlightBatches() {
        return 1;
    }
}
