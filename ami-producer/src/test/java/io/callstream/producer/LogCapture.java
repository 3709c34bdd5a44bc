package io.callstream.producer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects every log event of the JVM while open, to assert on what was (not) logged. */
final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent e) {
      // Logback reads an event's MDC lazily; read it now, on the thread that logged.
      e.prepareForDeferredProcessing();
      super.append(e);
    }
  };

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  List<ILoggingEvent> at(Level level, Class<?> logger) {
    return events().stream()
        .filter(e -> e.getLevel() == level && e.getLoggerName().equals(logger.getName())).toList();
  }

  /** Every message, formatted, with stack traces and MDC, as one text. */
  String everything() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : events()) {
      sb.append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap()).append('\n');
      if (e.getThrowableProxy() != null) {
        sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
