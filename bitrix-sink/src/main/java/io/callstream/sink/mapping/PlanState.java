package io.callstream.sink.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * What the planner remembers about one call between lifecycle events (kept in a state store as
 * JSON). Mutable on purpose: {@link CallPlanner} updates it in place for each event.
 */
public final class PlanState {
  public int lastSequence = -1;
  public String pbxId;
  public String direction;
  public String externalNumber;
  public String line;
  public long startedAt;
  public boolean started;
  public boolean skipped;
  public int leg;
  public long legStartedAt;
  public boolean legRegistered;
  public boolean legClosed;
  public String registeredExtension;
  public List<String> shown = new ArrayList<>();
  public String talking;
  public Long legTalkStart;
  public List<String> answeredLegs = new ArrayList<>();
  public String recordingFile;
  public boolean ended;
  /** CALL_ID of a call Bitrix24 registered itself (click-to-call): never registered again. */
  public String crmCallId;
  /** Planned as an internal call (extension to extension), see {@code InternalCallSteps}. */
  public boolean internal;
  /** Internal calls: the calling extension (from STARTED). */
  public String callerExtension;
  /** Internal calls: the extension given to Bitrix24 as PHONE_NUMBER. */
  public String calledExtension;
  /**
   * Timestamp of the latest lifecycle record of the call (stream time), 0 when stored before it
   * was kept; drives forgetting the call after {@code sink.dedup.retention.hours}.
   */
  public long lastSeenAt;
}
