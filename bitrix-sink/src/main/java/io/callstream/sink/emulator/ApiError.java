package io.callstream.sink.emulator;

/** A Bitrix24 error envelope to answer with: HTTP status, {@code error}, {@code error_description}. */
final class ApiError extends RuntimeException {

  final int status;
  final String code;

  ApiError(int status, String code, String description) {
    super(description, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** A method-level error: HTTP 400 with the empty code real portals send. */
  static ApiError method(String description) {
    return new ApiError(400, "", description);
  }
}
