package io.callstream.sink.client;

/**
 * One failed request (or one failed command inside a batch): HTTP status (null inside a batch or
 * when no answer came), Bitrix24's {@code error} (often the empty string) and
 * {@code error_description}, or the transport failure.
 */
public record BitrixError(Integer httpStatus, String code, String description, Transport transport) {

  /** How the transport failed, when it did. */
  public enum Transport {
    /** An answer was parsed (a Bitrix24 error envelope). */
    NONE,
    /** The request never reached the server (connect refused/timed out, DNS). */
    NOT_SENT,
    /** The request went out but no usable answer came back (read timeout, reset, EOF). */
    ANSWER_LOST,
    /** An answer came that is not a JSON envelope (proxy HTML page, truncated body). */
    NOT_JSON
  }

  public static BitrixError api(Integer status, String code, String description) {
    return new BitrixError(status, code == null ? "" : code, description == null ? "" : description,
        Transport.NONE);
  }

  public static BitrixError transport(Transport kind, Integer status, String description) {
    return new BitrixError(status, "", description, kind);
  }

  @Override
  public String toString() {
    return (httpStatus == null ? "" : "HTTP " + httpStatus + " ") + "error='" + code
        + "' description='" + description + "'" + (transport == Transport.NONE ? "" : " " + transport);
  }
}
