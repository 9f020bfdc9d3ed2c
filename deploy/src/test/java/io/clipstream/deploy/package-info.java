/** Shared helpers of the deployment tests: where the packaged job jar and lib folders are. */
package io.clipstream.deploy;
