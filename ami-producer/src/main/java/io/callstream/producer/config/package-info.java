/** Typed, validated, documented configuration; secrets only from the environment or files. */
package io.callstream.producer.config;
