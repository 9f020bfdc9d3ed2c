package io.clipstream.jobs.encode;

/** The batching encoder's cases with the task thread encoding ({@code encoder.in-flight-batches=0}). */
class TaskThreadEncodeOperatorTest extends BatchingEncoderCases {

    @Override
    int inFlightBatches() {
        return 0;
    }
}
