package io.callstream.sink.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One call row of the emulated portal; mutable, guarded by the {@link TelephonyStore}'s lock. */
final class StoredCall {
  String callId;
  String externalCallId;
  String app;
  int userId;
  String phone;
  int type;
  String line;
  String startDate;
  /** DATE_CREATE: the supplied CALL_START_DATE (drives the 30-minute rule and the 30-day purge). */
  long createdAtMillis;
  int registerRequests;
  final List<Integer> shownTo = new ArrayList<>();
  final List<Integer> hiddenFrom = new ArrayList<>();
  final Set<Integer> open = new LinkedHashSet<>();
  boolean finished;
  Integer finishUserId;
  Integer duration;
  String statusCode;
  int finishRequests;
  int statisticId;
  final List<Ledger.Record> records = new ArrayList<>();
  int recordAttachments;
  Integer leadId;
  boolean internal;
  final List<Ledger.Transcript> transcripts = new ArrayList<>();

  Ledger.Call toLedger() {
    return new Ledger.Call(callId, externalCallId, app, userId, phone, type, line, startDate,
        registerRequests, List.copyOf(shownTo), List.copyOf(hiddenFrom), List.copyOf(open),
        finished, finishUserId, duration, statusCode, finishRequests, List.copyOf(records),
        recordAttachments, leadId, internal, List.copyOf(transcripts));
  }
}
