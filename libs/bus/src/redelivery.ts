/** Delay before redelivering a durable message whose handler threw, by attempt 1, 2, ... */
export function redeliveryDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** (Math.max(1, attempt) - 1), 5_000);
}
