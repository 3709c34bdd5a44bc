package io.callstream.deploy.ops;

/** A component's answer to "can you do your job right now?", for the readiness endpoint. */
public interface Readiness {

  String component();

  boolean ready();

  /** In plain words: why not ready, or what it is doing. */
  String detail();
}
