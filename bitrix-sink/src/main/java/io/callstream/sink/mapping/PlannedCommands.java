package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.CallEvent;
import io.callstream.sink.config.RouteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands one lifecycle event leads to, built with deterministic ids ({@code leg/sequence/
 * position/kind}), so the same event always gives the same ids. Every command of a call that
 * Bitrix24 registered itself carries that CALL_ID.
 */
final class PlannedCommands {

  private static final String LEG_SEPARATOR = "#";

  private final PlanState s;
  private final CallEvent e;
  private final RouteConfig route;
  private final List<BitrixCommand> out = new ArrayList<>();

  PlannedCommands(PlanState s, CallEvent e, RouteConfig route) {
    this.s = s;
    this.e = e;
    this.route = route;
  }

  /** A command for the current leg. */
  void emit(BitrixCommandKind kind, List<String> extensions, Map<String, String> params) {
    add(legId(), kind, extensions, params);
  }

  void add(String legId, BitrixCommandKind kind, List<String> extensions,
      Map<String, String> params) {
    Map<String, String> p = new LinkedHashMap<>(params);
    if (s.crmCallId != null && legId.equals(e.getCallId())) {
      p.put(CallPlanner.CRM_CALL_ID_PARAM, s.crmCallId);
    }
    out.add(BitrixCommand.newBuilder()
        .setCommandId(legId + "/" + e.getSequence() + "/" + out.size() + "/" + kind)
        .setPortalId(route.portalId())
        .setPbxId(e.getPbxId())
        .setCallId(e.getCallId())
        .setLegId(legId)
        .setKind(kind)
        .setExtensions(List.copyOf(extensions))
        .setParams(p)
        .setCreatedAt(e.getAt())
        .build());
  }

  /** The Bitrix24 call the current leg is: the call id, plus {@code #n} for transfer legs. */
  String legId() {
    return s.leg == 0 ? e.getCallId() : e.getCallId() + LEG_SEPARATOR + s.leg;
  }

  List<BitrixCommand> list() {
    return out;
  }
}
