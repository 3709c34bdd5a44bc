/** Micrometer meters per PBX. */
package io.callstream.producer.metrics;
