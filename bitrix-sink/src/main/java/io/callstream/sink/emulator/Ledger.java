package io.callstream.sink.emulator;

import java.util.List;
import java.util.Map;

/**
 * Everything the emulated portal stored and refused, for tests and the {@code /emulator/ledger}
 * endpoint. Calls purged after 30 days without a finish are gone from {@code calls}, as on a
 * portal; {@code purgedCalls} counts them.
 */
public record Ledger(List<Call> calls, Map<String, Long> rejected, long requests, long batches,
    long batchCommands, long resetsAfterApply, List<Lead> leads, List<CrmEvent> crmEvents,
    int offlineEventsWaiting, List<Line> lines, int purgedCalls) {

  /** A ledger without CRM events (kept for callers written before events were recorded). */
  public Ledger(List<Call> calls, Map<String, Long> rejected, long requests, long batches,
      long batchCommands, long resetsAfterApply, List<Lead> leads) {
    this(calls, rejected, requests, batches, batchCommands, resetsAfterApply, leads, List.of(), 0);
  }

  /** A ledger without lines and purges (kept for callers written before they were recorded). */
  public Ledger(List<Call> calls, Map<String, Long> rejected, long requests, long batches,
      long batchCommands, long resetsAfterApply, List<Lead> leads, List<CrmEvent> crmEvents,
      int offlineEventsWaiting) {
    this(calls, rejected, requests, batches, batchCommands, resetsAfterApply, leads, crmEvents,
        offlineEventsWaiting, List.of(), 0);
  }

  /**
   * An external line of an application ({@code ""} = all webhooks): added, or created by a
   * register with an unknown {@code LINE_NUMBER} (then without a name).
   */
  public record Line(String app, String number, String name, String crmAutoCreate) {
  }

  /**
   * An event the portal fired because of a user (click-to-call) or a website visitor (callback
   * request): how many online handlers it was posted to, how many answered 2xx, and whether it
   * went into the offline queue. {@code callId} is null for callback requests (the integration
   * registers those itself).
   */
  public record CrmEvent(String event, String callId, String phoneNumber, int handlers,
      int handlersAccepted, boolean queuedOffline) {
  }

  /**
   * One Bitrix24 call as stored: who saw the card, how it was finished, its record (the latest
   * attach replaces earlier ones; {@code recordAttachments} counts them all), whether Bitrix24
   * took it for an internal call (its number is an employee's extension: no CRM search, no lead)
   * and the transcripts attached after finish.
   */
  public record Call(String callId, String externalCallId, String app, Integer registeredUserId,
      String phoneNumber, int type, String lineNumber, String callStartDate, int registerRequests,
      List<Integer> shownTo, List<Integer> hiddenFrom, List<Integer> openCards, boolean finished,
      Integer finishUserId, Integer duration, String statusCode, int finishRequests,
      List<Record> records, int recordAttachments, Integer crmLeadId, boolean internal,
      List<Transcript> transcripts) {

    /** A call as recorded before internal calls and transcripts were kept. */
    public Call(String callId, String externalCallId, String app, Integer registeredUserId,
        String phoneNumber, int type, String lineNumber, String callStartDate, int registerRequests,
        List<Integer> shownTo, List<Integer> hiddenFrom, List<Integer> openCards, boolean finished,
        Integer finishUserId, Integer duration, String statusCode, int finishRequests,
        List<Record> records, int recordAttachments, Integer crmLeadId) {
      this(callId, externalCallId, app, registeredUserId, phoneNumber, type, lineNumber,
          callStartDate, registerRequests, shownTo, hiddenFrom, openCards, finished, finishUserId,
          duration, statusCode, finishRequests, records, recordAttachments, crmLeadId, false,
          List.of());
    }
  }

  /** A transcript attached with {@code telephony.call.attachTranscription}. */
  public record Transcript(int transcriptId, List<TranscriptMessage> messages, String cost,
      String costCurrency) {
  }

  /** One line of a transcript: who spoke ({@code User} or {@code Client}), when, what. */
  public record TranscriptMessage(String side, int startTime, int stopTime, String message) {
  }

  /** One attached recording. */
  public record Record(String mode, String fileName, String url, int fileId) {
  }

  /** A lead created by register (CRM_CREATE) or crm.lead.add. */
  public record Lead(int id, String title, String phone, Integer assignedById, String sourceId) {
  }

  public long rejected(String code) {
    return rejected.getOrDefault(code, 0L);
  }
}
