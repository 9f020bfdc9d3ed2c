/**
 * The live web view: the output topics read {@code read_committed} and pushed to the browser by
 * server-sent events (matches, tags, dead letters, health), thumbnails from the image events, the
 * {@code score} call and index search behind a small JSON API, plain HTML/CSS/JS from resources.
 */
package io.clipstream.jobs.view;
