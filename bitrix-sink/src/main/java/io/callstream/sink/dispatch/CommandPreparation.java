package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.sink.LogContext;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CallPlanner;
import io.callstream.sink.mapping.CrmCallTimeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's final request parameters: CALL_ID (the CRM's, the one its register got, or a
 * {@code $result[...]} reference to a register in the same batch), users resolved from
 * extensions, the recording read from disk. A command that needs no request (a show for nobody,
 * a finish the CRM call's timeout already did) gets its outcome here; one that can never be sent
 * is dead-lettered here.
 */
final class CommandPreparation {

  private static final Logger LOG = LoggerFactory.getLogger(CommandPreparation.class);

  /** A command ready to send: its method and final parameters. */
  record Prepared(Pending pending, String key, String method, Map<String, Object> params,
      boolean callIdFromRegister) {
  }

  private final PortalConfig portal;
  private final SinkConfig config;
  private final UserDirectory users;
  private final OutcomeIndex index;
  private final OutcomeRecorder recorder;

  CommandPreparation(PortalConfig portal, SinkConfig config, UserDirectory users,
      OutcomeIndex index, OutcomeRecorder recorder) {
    this.portal = portal;
    this.config = config;
    this.users = users;
    this.index = index;
    this.recorder = recorder;
  }

  /**
   * @param registerKeyByLeg batch keys of the registers already in this batch, by leg
   * @return the prepared command, or empty when it was resolved without a request
   */
  Optional<Prepared> prepare(Pending p, String key, Map<String, String> registerKeyByLeg) {
    BitrixCommand c = p.command;
    if (finishedByTimeout(c)) {
      LogContext.of(c).run(() ->
          LOG.info("portal {}: {} of call {} not sent: the CRM's call {} was already finished by "
              + "its no-lifecycle timeout", portal.id(), c.getCommandId(), c.getCallId(),
              CrmCallTimeout.crmCallId(c).orElse("")));
      recorder.outcome(p, OutcomeStatus.SKIPPED, CrmCallTimeout.crmCallId(c).orElse(null), null);
      return Optional.empty();
    }
    Map<String, Object> params = new LinkedHashMap<>(c.getParams());
    params.remove(CallPlanner.UPLOAD_PARAM);
    params.remove(CrmCallTimeout.FINISH_AT_PARAM);
    boolean fromRegister = false;
    if (c.getKind() != BitrixCommandKind.REGISTER) {
      Optional<String> callId = CrmCallTimeout.crmCallId(c).or(() -> index.callId(c.getLegId()));
      if (callId.isPresent()) {
        params.put("CALL_ID", callId.get());
        fromRegister = true;
      } else if (registerKeyByLeg.containsKey(c.getLegId())) {
        params.put("CALL_ID", "$result[" + registerKeyByLeg.get(c.getLegId()) + "][CALL_ID]");
        fromRegister = true;
      } else {
        recorder.deadLetter(p, "no Bitrix24 CALL_ID for leg " + c.getLegId() + ": its register "
            + (index.legDead(c.getLegId()) ? "failed permanently" : "is missing"),
            ErrorClass.PERMANENT.name(), null);
        return Optional.empty();
      }
    }
    if (c.getKind() == BitrixCommandKind.SHOW || c.getKind() == BitrixCommandKind.HIDE) {
      List<Long> ids = new ArrayList<>();
      for (String ext : c.getExtensions()) {
        users.user(ext).ifPresent(ids::add);
      }
      if (ids.isEmpty()) {
        recorder.outcome(p, OutcomeStatus.SKIPPED, null, null);
        return Optional.empty();
      }
      params.put("USER_ID", ids);
    } else {
      Optional<String> problem = switch (c.getKind()) {
        case REGISTER, FINISH -> params.containsKey(CallPlanner.OWNER_PARAM) ? Optional.empty()
            : resolveOne(c, params);
        case ATTACH_RECORD -> recording(c, params);
        default -> Optional.of("unknown command kind " + c.getKind());
      };
      if (problem.isPresent()) {
        recorder.deadLetter(p, problem.get(), ErrorClass.PERMANENT.name(), null);
        return Optional.empty();
      }
    }
    return Optional.of(new Prepared(p, key, PortalDispatcher.method(c.getKind()), params,
        fromRegister));
  }

  /** A lifecycle's finish of a CRM call whose no-lifecycle timeout already finished it. */
  private boolean finishedByTimeout(BitrixCommand c) {
    if (c.getKind() != BitrixCommandKind.FINISH || CrmCallTimeout.isTimeout(c)) {
      return false;
    }
    return CrmCallTimeout.crmCallId(c)
        .map(id -> index.applied(CrmCallTimeout.commandId(c.getPortalId(), id))).orElse(false);
  }

  private Optional<String> recording(BitrixCommand c, Map<String, Object> params) {
    if (!c.getParams().containsKey(CallPlanner.UPLOAD_PARAM)) {
      return Optional.empty();
    }
    Path file = Path.of(config.recordingDirectory().orElse(".")).resolve(
        Path.of(c.getParams().get("FILENAME")).getFileName());
    try {
      params.put("FILE_CONTENT", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("recording " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** Puts USER_ID (or USER_PHONE_INNER) for a register/finish; returns the problem if none fits. */
  private Optional<String> resolveOne(BitrixCommand c, Map<String, Object> params) {
    String ext = c.getExtensions().isEmpty() ? null : c.getExtensions().get(0);
    if (ext != null) {
      Optional<Long> id = users.user(ext);
      if (id.isPresent()) {
        params.put("USER_ID", id.get());
        return Optional.empty();
      }
      if (!users.loaded()) {
        // No user list yet (user.get failing): let Bitrix24 look the extension up itself.
        params.put("USER_PHONE_INNER", ext);
        return Optional.empty();
      }
    }
    if (portal.fallbackUserId().isPresent()) {
      params.put("USER_ID", portal.fallbackUserId().get());
      return Optional.empty();
    }
    String key = "bitrix.portal." + portal.id() + ".fallback.user.id";
    return Optional.of(ext != null
        ? "extension " + ext + " has no active Bitrix24 user (UF_PHONE_INNER) and " + key + " is not set"
        : "nobody took this call and neither bitrix.portal." + portal.id()
            + ".missed.owner.user.id nor " + key + " is set");
  }
}
