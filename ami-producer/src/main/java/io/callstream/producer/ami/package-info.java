/** A small AMI client: one socket, a dedicated reader thread, raw frames, actions matched by ActionID, MD5 login. */
package io.callstream.producer.ami;
