package io.callstream.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated instance of every topic record, for round trips. */
public final class SampleRecords {

  public static final Instant T0 = Instant.parse("2026-11-24T01:51:11.725893Z");

  private SampleRecords() {
  }

  public static AmiEvent amiEvent() {
    return AmiEvent.newBuilder()
        .setPbxId("pbx-1").setConnectionId("pbx-1/1795485071-1").setSequence(42)
        .setReceivedAt(T0.plusMillis(3)).setPbxTime(T0)
        .setKind(AmiFrameKind.EVENT).setEventName("Newchannel")
        .setHeaders(List.of(header("Event", "Newchannel"), header("Privilege", "call,all"),
            header("ChanVariable", "A=1"), header("ChanVariable", "A=1"),
            header("CallerIDName", "O\\'Brien  ")))
        .setRawFrame(ByteBuffer.wrap("Event: Newchannel\n\n".getBytes(StandardCharsets.UTF_8)))
        .setDetail("detail").setDroppedFrames(7L)
        .build();
  }

  public static InvalidAmiFrame invalidFrame() {
    return InvalidAmiFrame.newBuilder()
        .setPbxId("pbx-1").setConnectionId("c").setAfterSequence(-1).setReceivedAt(T0)
        .setReason(InvalidFrameReason.NO_COLON).setDetail("line 2 has no colon")
        .setBytes(ByteBuffer.wrap(new byte[] {0, (byte) 0xFF, 10})).setOriginalLength(3)
        .build();
  }

  public static CallEvent callEvent() {
    return CallEvent.newBuilder()
        .setCallId("pbx-1/1795485071.0").setPbxId("pbx-1").setSequence(3)
        .setType(CallEventType.TRANSFERRED).setAt(T0.plusSeconds(5).truncatedTo(
            java.time.temporal.ChronoUnit.MILLIS))
        .setTimeSource(TimeSource.PBX).setDirection(Direction.INBOUND)
        .setExternalNumber("79161234567").setLine("74951234567").setExtension("101")
        .setReason("answered").setQueue("400").setTransfer(transfer())
        .setRecordingFile("in-1.wav").setDisposition(Disposition.ANSWERED)
        .setTalkMillis(3000L).setTotalMillis(6000L).setFinalExtension("102").setHangupCause(16)
        .setJoinedLate(true).setCrmCallId("externalCall.abc")
        .build();
  }

  public static CallSummary callSummary() {
    return CallSummary.newBuilder()
        .setCallId("pbx-1/1795485071.0").setPbxId("pbx-1").setDirection(Direction.INBOUND)
        .setExternalNumber("79161234567").setLine("74951234567").setExtension("101")
        .setRang(List.of("101", "102")).setAnsweredBy("101").setFinalExtension("102")
        .setTransfers(List.of(transfer())).setDisposition(Disposition.ANSWERED)
        .setDispositionReason("answered by 101").setQueue("400")
        .setStartedAt(Instant.ofEpochMilli(1795485071725L))
        .setAnsweredAt(Instant.ofEpochMilli(1795485074725L))
        .setEndedAt(Instant.ofEpochMilli(1795485077725L))
        .setTalkMillis(3000).setTotalMillis(6000).setRecordingFile("in-1.wav")
        .setLinkedids(List.of("1795485071.0")).setHangupCause(16).setTimeSource(TimeSource.PBX)
        .setJoinedLate(false).setCrmCallId(null)
        .build();
  }

  public static BitrixCommand bitrixCommand() {
    return BitrixCommand.newBuilder()
        .setCommandId("pbx-1/1795485071.0#0/REGISTER").setPortalId("portal-1").setPbxId("pbx-1")
        .setCallId("pbx-1/1795485071.0").setLegId("pbx-1/1795485071.0#0")
        .setKind(BitrixCommandKind.REGISTER).setExtensions(List.of("101"))
        .setParams(Map.of("PHONE_NUMBER", "79161234567", "TYPE", "2"))
        .setCreatedAt(Instant.ofEpochMilli(1795485071725L))
        .build();
  }

  public static BitrixOutcome bitrixOutcome() {
    return BitrixOutcome.newBuilder()
        .setCommandId("c1").setPortalId("portal-1").setCallId("pbx-1/1795485071.0")
        .setLegId("pbx-1/1795485071.0#0").setKind(BitrixCommandKind.FINISH)
        .setStatus(OutcomeStatus.ALREADY_APPLIED).setBitrixCallId("externalCall.1")
        .setHttpStatus(400).setErrorCode("").setErrorDescription("Call is not found")
        .setAttempts(2).setCompletedAt(Instant.ofEpochMilli(1795485080000L))
        .build();
  }

  public static BitrixDeadLetter bitrixDeadLetter() {
    return BitrixDeadLetter.newBuilder()
        .setCommand(bitrixCommand()).setCallId("pbx-1/1795485071.0")
        .setReason("no Bitrix24 user has extension 109").setErrorClass("PERMANENT")
        .setHttpStatus(null).setErrorCode(null).setAttempts(0)
        .setFailedAt(Instant.ofEpochMilli(1795485080000L))
        .build();
  }

  public static PbxCommand pbxCommand() {
    return PbxCommand.newBuilder()
        .setCommandId("evt-1").setPbxId("pbx-1").setPortalId("portal-1")
        .setKind(PbxCommandKind.CLICK_TO_CALL).setExtension("101").setNumber("+79161234567")
        .setCrmCallId("externalCall.9").setCrmEntityType("CONTACT").setCrmEntityId("12")
        .setDetails(Map.of("LINE_NUMBER", "74951234567"))
        .setRequestedAt(Instant.ofEpochMilli(1795485080000L))
        .build();
  }

  public static PbxCommandExecution pbxCommandExecution() {
    return PbxCommandExecution.newBuilder()
        .setCommandId("evt-1").setPbxId("pbx-1").setStatus(PbxCommandExecutionStatus.SENT)
        .setReason("found live after restart").setActionId("cs-cmd-1")
        .setChannelId("cs-cmd-1.a").setAt(Instant.ofEpochMilli(1795485080100L))
        .build();
  }

  public static PbxCommandRejection pbxCommandRejection() {
    return PbxCommandRejection.newBuilder()
        .setCommand(pbxCommand()).setCommandId("evt-1").setPbxId("pbx-1")
        .setFailure(PbxCommandFailure.INVALID).setReason("number: only digits with an optional leading '+'")
        .setField("number").setRejectedAt(Instant.ofEpochMilli(1795485080200L))
        .build();
  }

  public static List<org.apache.avro.specific.SpecificRecord> all() {
    return List.of(amiEvent(), invalidFrame(), callEvent(), callSummary(), bitrixCommand(),
        bitrixOutcome(), bitrixDeadLetter(), pbxCommand(), pbxCommandExecution(),
        pbxCommandRejection());
  }

  private static Transfer transfer() {
    return Transfer.newBuilder().setFrom("101").setTo("102").setKind(TransferKind.ATTENDED)
        .setAt(Instant.ofEpochMilli(1795485076000L)).build();
  }

  private static AmiHeader header(String name, String value) {
    return AmiHeader.newBuilder().setName(name).setValue(value).build();
  }
}
