package io.callstream.producer.commands;

import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandRejection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory journal for tests without a broker. */
final class MemoryJournal implements ExecutionJournal {

  final List<PbxCommandExecution> steps = new CopyOnWriteArrayList<>();
  final List<PbxCommandRejection> deadLetters = new CopyOnWriteArrayList<>();
  private final Map<String, PbxCommandExecution> latest = new ConcurrentHashMap<>();

  @Override
  public Optional<PbxCommandExecution> last(String commandId) {
    return Optional.ofNullable(latest.get(commandId));
  }

  @Override
  public void record(PbxCommandExecution execution) {
    steps.add(execution);
    latest.put(execution.getCommandId(), execution);
  }

  @Override
  public void deadLetter(PbxCommandRejection rejection) {
    deadLetters.add(rejection);
  }
}
