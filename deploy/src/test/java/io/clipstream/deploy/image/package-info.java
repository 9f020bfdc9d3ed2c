/** Tests of the container image recipe and of what it packs. */
package io.clipstream.deploy.image;
