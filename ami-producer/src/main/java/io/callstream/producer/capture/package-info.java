/** Capture files: recording a live AMI session, publishing a capture into the raw topic. */
package io.callstream.producer.capture;
