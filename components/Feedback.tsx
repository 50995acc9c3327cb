/**
 * How a form or list says what happened: a polite status line (kept in the page even when empty, so
 * screen readers hear it change) and, when something failed, an alert.
 */
export function Feedback({ status, error }: { status?: string; error?: string }) {
  return (
    <>
      {status !== undefined && (
        <p role="status" class="muted">
          {status}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
