/** The message of a thrown value; duck-typed because Node's own errors may come from another realm. */
export function reasonOf(err: unknown): string {
  if (
    typeof err === 'object' &&
    err !== null &&
    'message' in err &&
    typeof err.message === 'string'
  )
    return err.message;
  return String(err);
}
