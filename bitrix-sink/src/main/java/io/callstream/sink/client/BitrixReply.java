package io.callstream.sink.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer to one request: a result, or a classified failure. */
public sealed interface BitrixReply {

  int attempts();

  /** {@code result} and the {@code time} figures of a success envelope. */
  record Success(JsonNode result, JsonNode envelope, OperatingTime time, int attempts)
      implements BitrixReply {
  }

  /** A failure and what to do about it. */
  record Failure(BitrixError error, ErrorClass errorClass, int attempts) implements BitrixReply {
  }
}
