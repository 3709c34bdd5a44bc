/** An AMI server that replays captures: for the demo, tests and load generation. */
package io.callstream.producer.simulator;
