package io.callstream.schemas.ami;

/** Receives what an {@link AmiFrameReader} makes of the bytes, in stream order. */
public interface AmiFrameListener {

  void onFrame(AmiFrame frame);

  void onInvalid(InvalidFrame invalid);
}
