import type { Logger } from './logger.ts';

/**
 * How long shutdown waits for one part to close before going on without it. A part that
 * never settles (a thread stuck in native code, a connection that never answers) must not
 * keep the rest open, nor keep the process from exiting: jobs it held resume at the next
 * start, as after a crash.
 */
export const CLOSE_STEP_MS = 20_000;

export interface ClosingStep {
  /** Named in the log if it fails or runs out of time. */
  name: string;
  close: () => Promise<unknown>;
}

/**
 * Closes parts in reverse order of opening, each given at most `stepMs`; a failure or a
 * timeout is logged with the part's name and the next part closes anyway.
 */
export async function closeInReverse(
  steps: readonly ClosingStep[],
  logger: Logger,
  stepMs = CLOSE_STEP_MS,
): Promise<void> {
  for (const step of [...steps].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(resolve, stepMs, 'late');
    });
    try {
      const outcome = await Promise.race([step.close().then(() => 'closed' as const), late]);
      if (outcome === 'late') {
        logger.error(
          { step: step.name, waitedMs: stepMs },
          'a part did not close in time; going on without it',
        );
      }
    } catch (err) {
      logger.warn({ err, step: step.name }, 'error while closing');
    } finally {
      clearTimeout(timer);
    }
  }
}
