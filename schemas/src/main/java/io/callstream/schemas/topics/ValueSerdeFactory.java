package io.callstream.schemas.topics;

import io.callstream.schemas.serde.SingleObjectAvroSerde;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes value serdes from a class name in configuration, so a schema-registry serde (for example
 * Confluent's {@code SpecificAvroSerde}, which is not on Maven Central and so not a dependency)
 * can replace the default where a user runs one. The class needs a public no-argument constructor;
 * {@code configs} is passed to its {@code configure}, plus {@link
 * SingleObjectAvroSerde#RECORD_CLASS_CONFIG} naming the topic's record class.
 */
public final class ValueSerdeFactory {

  /** Configuration key: the value serde class. */
  public static final String SERDE_CLASS_CONFIG = "serde.value.class";
  public static final String SERDE_CLASS_DOC = "Fully qualified class of the Kafka Serde used for "
      + "record values (public no-argument constructor). Default: Avro single-object encoding, "
      + "which needs no schema registry.";
  public static final String DEFAULT_SERDE_CLASS = SingleObjectAvroSerde.class.getName();

  private final Class<?> serdeClass;
  private final Map<String, ?> configs;

  public ValueSerdeFactory(String serdeClassName, Map<String, ?> configs) {
    try {
      this.serdeClass = Class.forName(serdeClassName);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(SERDE_CLASS_CONFIG + " = " + serdeClassName
          + ": no such class on the classpath; remove the key to use the default "
          + DEFAULT_SERDE_CLASS, e);
    }
    if (!Serde.class.isAssignableFrom(serdeClass)) {
      throw new IllegalArgumentException(SERDE_CLASS_CONFIG + " = " + serdeClassName
          + " is not an org.apache.kafka.common.serialization.Serde");
    }
    this.configs = Map.copyOf(configs);
  }

  public static ValueSerdeFactory defaults() {
    return new ValueSerdeFactory(DEFAULT_SERDE_CLASS, Map.of());
  }

  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> Serde<T> create(Class<T> recordClass) {
    Serde<T> serde;
    try {
      serde = (Serde<T>) serdeClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(SERDE_CLASS_CONFIG + " = " + serdeClass.getName()
          + " has no public no-argument constructor", e);
    }
    Map<String, Object> withType = new HashMap<>(configs);
    withType.put(SingleObjectAvroSerde.RECORD_CLASS_CONFIG, recordClass.getName());
    serde.configure(withType, false);
    return serde;
  }
}
