package io.neoinfra.devstack.secrets;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything this JVM writes to stdout and stderr from now on, as written: Logback's console appender writes through
 * {@code System.out} on every line, so the copy holds every log line of the processor, the worker, the gateway and
 * the broker in the form an operator's terminal or log collector would get it (after the layout's converters).
 */
final class CapturedOutput implements AutoCloseable {

  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  CapturedOutput() {
    System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
  }

  String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.out.flush();
    System.err.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private final class Tee extends OutputStream {
    private final OutputStream original;

    Tee(OutputStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) {
      synchronized (copy) {
        copy.write(b);
      }
      try {
        original.write(b);
      } catch (java.io.IOException ignored) {
        // the copy is what the test reads
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      synchronized (copy) {
        copy.write(bytes, offset, length);
      }
      try {
        original.write(bytes, offset, length);
      } catch (java.io.IOException ignored) {
        // the copy is what the test reads
      }
    }

    @Override
    public void flush() throws java.io.IOException {
      original.flush();
    }
  }
}
