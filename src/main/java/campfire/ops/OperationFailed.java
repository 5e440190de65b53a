package campfire.ops;

/** An expected failure of an operator command: its message says what happened and what to do. */
public final class OperationFailed extends RuntimeException {
  public OperationFailed(String message) { super(message); }

  public OperationFailed(String message, Throwable cause) { super(message, cause); }
}
