package io.neoinfra.gateway.deadletters;

import io.neoinfra.producer.deadletter.DeadLetterId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dead letter's id in URLs and bodies: {@code <partition>-<offset>} on the dead-letter topic (a dash, because a
 * colon or slash would need escaping in a path).
 */
final class DeadLetterIds {

  private static final Pattern ID = Pattern.compile("([0-9]{1,9})-([0-9]{1,18})");

  private DeadLetterIds() {}

  static Optional<DeadLetterId> parse(String text) {
    Matcher m = text == null ? null : ID.matcher(text);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new DeadLetterId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
  }

  static String format(DeadLetterId id) {
    return id.partition() + "-" + id.offset();
  }
}
