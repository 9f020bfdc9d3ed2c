/**
 * The clipstream wire format: Avro single-object encoding of the generated event classes, with
 * every earlier schema version readable. See {@code docs/wire-format.md}.
 */
package io.clipstream.schemas.wire;
