/** Gap-free numbering of a session and the non-blocking path from the socket reader to Kafka. */
package io.callstream.producer.publish;
