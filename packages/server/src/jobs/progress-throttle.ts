/**
 * Coalesces a handler's progress reports into at most one write per `intervalMs` (default
 * 250 ms: ≤ 4 DB writes/s per job). The latest value always wins, and `flush()` writes a
 * pending value, so the last report before the job ends is never dropped. Writes run one at
 * a time, in order, so events built from them arrive in order too.
 */
export class ProgressThrottle {
  private lastWriteAt = 0;
  private pending: { fraction: number; message: string | null } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly write: (fraction: number, message: string | null) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 250,
  ) {}

  report(fraction: number, message?: string): void {
    if (this.stopped || !Number.isFinite(fraction)) return;
    this.pending = { fraction: Math.min(1, Math.max(0, fraction)), message: message ?? null };
    if (this.timer) return;
    const wait = this.lastWriteAt + this.intervalMs - Date.now();
    if (wait <= 0) this.writePending();
    else this.timer = setTimeout(() => this.writePending(), wait);
  }

  /** Write what is pending, wait for every write, and accept no more reports. */
  async flush(): Promise<void> {
    this.writePending();
    this.stopped = true;
    await this.chain;
  }

  /** Drop what is pending (the job ended in a way that makes progress moot). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  private writePending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    if (!p || this.stopped) return;
    this.pending = undefined;
    this.lastWriteAt = Date.now();
    this.chain = this.chain.then(() => this.write(p.fraction, p.message)).catch(this.onError);
  }
}
