/** The AMI producer: PBX connections to raw events in Kafka; {@link io.callstream.producer.AmiProducer} is the entry point. */
package io.callstream.producer;
