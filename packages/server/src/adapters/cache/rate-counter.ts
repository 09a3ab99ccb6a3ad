/**
 * Fixed-window counters for brute-force limits (failed sign-ins). In memory for one process,
 * in Redis when REDIS_URL is set so every API replica shares the count.
 */
export interface RateCounter {
  /** Current count in the window and ms until it resets. */
  peek(key: string): Promise<{ count: number; resetMs: number }>;
  /** Add one; returns the new count and ms until the window resets. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  close(): Promise<void>;
}
