package io.callstream.sink.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * {@code telephony.externalCall.attachRecord} in its three modes (contract §3.4) and the upload
 * URL's second step: only for a finished call, one record per call (the latest replaces).
 * Not thread-safe: used under the {@link TelephonyStore}'s lock.
 */
final class CallRecords {

  private final IdSequence ids;

  CallRecords(IdSequence ids) {
    this.ids = ids;
  }

  Map<String, Object> attach(StoredCall c, Map<String, Object> p, String uploadUrlBase) {
    String url = RequestParams.string(p, "RECORD_URL");
    String name = RequestParams.string(p, "FILENAME");
    if (url != null && !url.isEmpty()) {
      String file = name != null ? name : url.substring(url.lastIndexOf('/') + 1);
      return Map.of("FILE_ID", add(c, "url", file, url));
    }
    checkExtension(name);
    if (!p.containsKey("FILE_CONTENT")) {
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
          (c.callId + "|" + name).getBytes(StandardCharsets.UTF_8));
      return Map.of("uploadUrl", uploadUrlBase + "?token=" + token, "fieldName", "file");
    }
    String content = RequestParams.string(p, "FILE_CONTENT");
    if (content == null || content.isEmpty() || content.equals("false")) {
      throw ApiError.method("File content is empty.");
    }
    try {
      Base64.getMimeDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw ApiError.method("File content is not properly encoded. Base64 encoding is expected.");
    }
    return Map.of("FILE_ID", add(c, "content", name, null));
  }

  /** The call id and file name an upload token stands for. */
  static String[] token(String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.method("Wrong upload token");
    }
    int bar = decoded.indexOf('|');
    if (bar < 0) {
      throw ApiError.method("Wrong upload token");
    }
    return new String[] {decoded.substring(0, bar), decoded.substring(bar + 1)};
  }

  int upload(StoredCall c, String name, byte[] file) {
    checkExtension(name);
    if (file.length == 0) {
      throw ApiError.method("File content is empty.");
    }
    return add(c, "upload", name, null);
  }

  private static void checkExtension(String name) {
    if (name == null || name.isEmpty()) {
      throw ApiError.method("File name is empty");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".wav") && !lower.endsWith(".mp3")) {
      throw ApiError.method("Wrong file extension. Only wav and mp3 are allowed");
    }
  }

  private int add(StoredCall c, String mode, String name, String url) {
    int fileId = 9000 + ids.next();
    c.records.clear();
    c.records.add(new Ledger.Record(mode, name, url, fileId));
    c.recordAttachments++;
    return fileId;
  }
}
