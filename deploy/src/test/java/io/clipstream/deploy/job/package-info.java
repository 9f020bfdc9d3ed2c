/** Tests of the cluster entry point's argument handling. */
package io.clipstream.deploy.job;
