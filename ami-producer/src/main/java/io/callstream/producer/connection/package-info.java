/** One supervised connection per PBX: login, markers, resync, keep-alive, classified bounded retries. */
package io.callstream.producer.connection;
