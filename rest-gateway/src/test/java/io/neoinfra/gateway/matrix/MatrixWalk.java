package io.neoinfra.gateway.matrix;

import io.neoinfra.gateway.matrix.OpenApiOperations.Operation;
import io.neoinfra.gateway.matrix.OperationPermissions.Expectation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Calls every operation as every caller and lists where the gateway's answer differs from
 * {@link OperationPermissions}: the status, or a refusal that is not problem+json.
 */
public final class MatrixWalk {

  /** Sends one request; {@code token} null sends none. */
  @FunctionalInterface
  public interface Sender {
    Answer send(String method, String path, String token, String jsonBody);
  }

  public record Answer(int status, String contentType, String body) {}

  /** Who calls: {@code token} null and {@code granted} null for an anonymous caller. */
  public record Caller(String name, String token, Collection<String> granted) {
    public static Caller anonymous() {
      return new Caller("no token", null, null);
    }
  }

  private MatrixWalk() {}

  public static List<String> mismatches(List<Operation> operations, MatrixSeed.Ids ids, List<Caller> callers,
      Sender sender) {
    List<String> mismatches = new ArrayList<>();
    for (Operation op : operations) {
      Expectation expected = OperationPermissions.expected().get(op.key());
      if (expected == null) {
        mismatches.add(op.key() + ": documented but not in OperationPermissions");
        continue;
      }
      for (Caller caller : callers) {
        int want = expected.statusFor(caller.granted());
        String path = op.path().replace("{id}", ids.next(op.key()));
        Answer answer = sender.send(op.method(), path, caller.token(), expected.body());
        if (answer.status() != want) {
          mismatches.add(op.key() + " as " + caller.name() + ": " + answer.status() + " (wanted " + want + ") "
              + answer.body());
        } else if ((want == 401 || want == 403)
            && (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json"))) {
          mismatches.add(op.key() + " as " + caller.name() + ": " + want + " without problem+json");
        }
      }
    }
    return mismatches;
  }
}
