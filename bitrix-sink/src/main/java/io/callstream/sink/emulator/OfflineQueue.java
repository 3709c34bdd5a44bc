package io.callstream.sink.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The portal's offline event queue (contract §5.6). {@code event.offline.get} marks up to
 * {@code limit} unmarked events with a process id and returns every event carrying that id;
 * with {@code clear=1} (the default) it deletes them at once, with {@code clear=0} they stay
 * until {@code event.offline.clear} names the process id (and optionally the ids). Calling get
 * again with the same {@code process_id} returns the events still marked with it, which is how a
 * consumer that stopped between get and clear gets them back. (The contract names the
 * parameters; the marking semantics follow the Bitrix24 source the contract cites.)
 */
final class OfflineQueue {

  private static final int DEFAULT_LIMIT = 50;

  private static final class Entry {
    final int id;
    final Instant at;
    final String event;
    final Map<String, String> data;
    final String messageId;
    String processId = "";

    Entry(int id, Instant at, String event, Map<String, String> data, String messageId) {
      this.id = id;
      this.at = at;
      this.event = event;
      this.data = data;
      this.messageId = messageId;
    }
  }

  private final Clock clock;
  private final DateTimeFormatter format;
  private final List<Entry> entries = new ArrayList<>();
  private int nextId = 1;
  private long cleared;

  OfflineQueue(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.format = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
  }

  synchronized void add(String event, Map<String, String> data) {
    entries.add(new Entry(nextId++, clock.instant(), event, Map.copyOf(data),
        HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16)));
  }

  synchronized Map<String, Object> get(Map<String, Object> p) {
    int limit = RequestParams.intValue(p, "limit") > 0 ? RequestParams.intValue(p, "limit")
        : DEFAULT_LIMIT;
    boolean clear = RequestParams.flag(p, "clear", true);
    String given = RequestParams.string(p, "process_id");
    String processId = given == null || given.isBlank() ? UUID.randomUUID().toString() : given.trim();
    Set<String> names = eventNames(p);
    long marked = entries.stream().filter(e -> e.processId.equals(processId)).count();
    for (Entry e : entries) {
      if (marked >= limit) {
        break;
      }
      if (e.processId.isEmpty() && (names.isEmpty() || names.contains(e.event))) {
        e.processId = processId;
        marked++;
      }
    }
    List<Entry> mine = entries.stream().filter(e -> e.processId.equals(processId)).limit(limit)
        .toList();
    List<Map<String, Object>> events = mine.stream().map(this::view).toList();
    if (clear) {
      entries.removeAll(mine);
      cleared += mine.size();
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("process_id", clear ? null : processId);
    r.put("events", events);
    return r;
  }

  synchronized boolean clear(Map<String, Object> p) {
    String processId = RequestParams.string(p, "process_id");
    if (processId == null || processId.isBlank()) {
      throw new ApiError(400, "ERROR_ARGUMENT", "Argument 'PROCESS_ID' is null.");
    }
    Set<Integer> ids = Set.copyOf(RequestParams.intList(p, "id"));
    List<Entry> gone = entries.stream().filter(e -> e.processId.equals(processId.trim())
        && (ids.isEmpty() || ids.contains(e.id))).toList();
    entries.removeAll(gone);
    cleared += gone.size();
    return true;
  }

  synchronized EmulatedPortal.ListResult list() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> m = view(e);
      m.put("PROCESS_ID", e.processId);
      m.put("ERROR", 0);
      all.add(m);
    }
    return new EmulatedPortal.ListResult(all, all.size(), null);
  }

  synchronized int waiting() {
    return entries.size();
  }

  synchronized long cleared() {
    return cleared;
  }

  private Map<String, Object> view(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", e.id);
    m.put("TIMESTAMP_X", format.format(e.at));
    m.put("EVENT_NAME", e.event);
    m.put("EVENT_DATA", e.data);
    m.put("EVENT_ADDITIONAL", List.of());
    m.put("MESSAGE_ID", e.messageId);
    return m;
  }

  /** {@code filter[EVENT_NAME]} as one name or a list (Bitrix24 reads a list as IN). */
  @SuppressWarnings("unchecked")
  private static Set<String> eventNames(Map<String, Object> p) {
    if (!(p.get("filter") instanceof Map<?, ?> filter)) {
      return Set.of();
    }
    Object v = filter.get("EVENT_NAME");
    Collection<Object> values = v instanceof Map<?, ?> m ? (Collection<Object>) m.values()
        : v instanceof Collection<?> c ? (Collection<Object>) c : v == null ? List.of() : List.of(v);
    return values.stream().map(o -> o.toString().toUpperCase(java.util.Locale.ROOT))
        .collect(Collectors.toSet());
  }
}
