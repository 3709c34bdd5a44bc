package io.callstream.sink.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects every log line (formatted message plus throwable text) and event, with the MDC it was
 * logged with, while installed.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  public static LogCapture install() {
    LogCapture c = new LogCapture();
    c.start();
    root().addAppender(c);
    return c;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Logback reads an event's MDC lazily; read it now, on the thread that logged.
    event.prepareForDeferredProcessing();
    events.add(event);
    StringBuilder b = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    lines.add(b.toString());
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** The events the logger named {@code logger} logged at {@code level}, in order. */
  public List<ILoggingEvent> events(Level level, String logger) {
    return events.stream()
        .filter(e -> e.getLevel() == level && e.getLoggerName().equals(logger)).toList();
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }
}
