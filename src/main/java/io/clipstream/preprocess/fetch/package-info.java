/**
 * Fetching images referenced by URI ({@code file:}, {@code http:}, {@code https:}) with timeouts
 * and a byte limit enforced while streaming; failures carry the same
 * {@link io.clipstream.preprocess.ImageRejectedException.Reason} codes as decoding failures.
 */
package io.clipstream.preprocess.fetch;
