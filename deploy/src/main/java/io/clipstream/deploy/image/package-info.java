/** Checks run while the container image is built (see {@code deploy/Dockerfile}). */
package io.clipstream.deploy.image;
