package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommand;
import java.util.List;
import java.util.Optional;

/** The commands one lifecycle event leads to, or the reason it cannot be mapped. */
public record PlanResult(List<BitrixCommand> commands, Optional<String> unmappableReason) {

  public static PlanResult of(List<BitrixCommand> commands) {
    return new PlanResult(List.copyOf(commands), Optional.empty());
  }

  public static PlanResult unmappable(String reason) {
    return new PlanResult(List.of(), Optional.of(reason));
  }
}
