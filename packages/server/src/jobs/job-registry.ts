import type { z } from 'zod';
import { UamError } from '../errors/index.ts';

/** What a handler may use while it runs. It has no DB handle: inputs in, JSON result out. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** Aborted on cancel, timeout or shutdown; long handlers must check it between steps. */
  signal: AbortSignal;
  /** Report progress in [0, 1]; the runner throttles DB writes, so call it as often as you like. */
  progress(fraction: number, message?: string): void;
}

export interface JobDefinition<P = unknown, R = unknown> {
  /** Permanent name, stored in job rows: dotted lower-case, e.g. `dataset.ingest`. */
  type: string;
  /** CPU-heavy handlers run in the worker-thread pool, never on the API's event loop. */
  cpu: boolean;
  /** Upper bound for one attempt; the runner fails the attempt with JOB_TIMEOUT after it. */
  timeoutMs?: number;
  payloadSchema: z.ZodType<P>;
  /** Pure: no DB access. The result must survive JSON.stringify (it is stored as jsonb). */
  run(payload: P, ctx: JobContext): Promise<R>;
}

/**
 * Declare a job type; the identity function exists so `P` is inferred from the schema.
 *
 * ### Example
 * ```ts
 * export const echoJob = defineJob({
 *   type: 'echo', cpu: false,
 *   payloadSchema: z.record(z.string(), z.unknown()),
 *   run: async (payload) => payload,
 * });
 * ```
 */
export function defineJob<P, R>(def: JobDefinition<P, R>): JobDefinition<P, R> {
  return def;
}

const TYPE_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

/** Job types by name. Built identically in the API process and in every worker thread. */
export class JobRegistry {
  private readonly defs = new Map<string, JobDefinition>();

  register<P, R>(def: JobDefinition<P, R>): this {
    if (!TYPE_PATTERN.test(def.type)) {
      throw new UamError('INTERNAL_ERROR', `Invalid job type name "${def.type}"`, { type: def.type });
    }
    if (this.defs.has(def.type)) {
      throw new UamError('INTERNAL_ERROR', `Job type "${def.type}" is registered twice`, { type: def.type });
    }
    this.defs.set(def.type, def as JobDefinition);
    return this;
  }

  get(type: string): JobDefinition {
    const def = this.defs.get(type);
    if (!def)
      throw new UamError('JOB_TYPE_UNKNOWN', `Unknown job type "${type}"`, { type, known: this.types() });
    return def;
  }

  has(type: string): boolean {
    return this.defs.has(type);
  }

  types(): string[] {
    return [...this.defs.keys()].sort();
  }
}

/** Validate a payload against its job type's schema; issues are reported like request bodies. */
export function parsePayload<P>(def: JobDefinition<P>, payload: unknown): P {
  const parsed = def.payloadSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: ['payload', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const first = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  throw new UamError('VALIDATION_ERROR', `Invalid payload for job type "${def.type}": ${first.join('; ')}`, {
    type: def.type,
    issues,
  });
}
