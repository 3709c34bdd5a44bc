package io.callstream.sink.emulator;

import org.junit.jupiter.api.AfterAll;

/** The contract checks against the in-process emulator. */
class EmulatorContractTest extends BitrixContractTest {

  private final BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());

  @Override
  String webhookUrl() {
    return emulator.webhookUrl();
  }

  @Override
  int userId() {
    return 11;
  }

  @AfterAll
  void stop() {
    emulator.close();
  }
}
