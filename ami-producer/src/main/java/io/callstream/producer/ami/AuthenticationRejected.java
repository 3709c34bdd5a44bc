package io.callstream.producer.ami;

/** The PBX refused the username or secret. Retrying quickly cannot help. */
public final class AuthenticationRejected extends Exception {

  private static final long serialVersionUID = 1L;

  public AuthenticationRejected(String message) {
    super(message);
  }
}
