import { isUamError, serializeError, UamError } from '../errors/index.ts';

/**
 * A mistake in the command line itself (unknown flag, missing FILE, a flag value of the wrong
 * shape). It is a UamError (VALIDATION_ERROR) so `--json` callers get the usual error shape,
 * but it is shown without the code and with a pointer to the help, and exits 2, the shell
 * convention that tells "you typed it wrong" apart from "the file is bad".
 */
export class UsageError extends UamError {
  /** The command whose `--help` explains the mistake, e.g. `uam ingest`. */
  readonly command: string;

  constructor(message: string, command: string, details: Record<string, unknown> = {}) {
    super('VALIDATION_ERROR', message, details);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Node's `parseArgs` failures carry these codes; anything else is not a command-line mistake. */
const PARSE_ARGS_CODES = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]);

/**
 * A `parseArgs` TypeError as a UsageError, so the user sees `uam: unknown option --x` instead
 * of Node's stack trace; every other error is returned unchanged.
 */
export function asUsageError(err: unknown, command: string): unknown {
  if (!(err instanceof TypeError)) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !PARSE_ARGS_CODES.has(code)) return err;
  const unknown = /^Unknown option '([^']+)'/.exec(err.message);
  if (unknown) return new UsageError(`unknown option ${unknown[1]}`, command, { option: unknown[1] });
  // Node's other messages are already specific ("Option '--project <value>' argument missing");
  // only the first line is kept, the rest repeats it.
  return new UsageError(err.message.split('\n')[0]!, command);
}

/** 2 for a command-line mistake, 1 for everything else. */
export function exitCodeOf(err: unknown): number {
  return err instanceof UsageError ? 2 : 1;
}

/**
 * What stderr shows for a failure: `uam: CODE: message` for typed errors (the code is what
 * scripts and the API docs key on), the usage hint for command-line mistakes. Unknown errors
 * are bugs, so they keep their stack.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof UsageError) {
    return `uam: ${err.message}\nRun "${err.command} --help" for usage.`;
  }
  if (isUamError(err)) return `uam: ${err.code}: ${err.message}`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** The `--json` form of a failure, the same `{ error: { code, message, details } }` the API sends. */
export function failureJson(err: unknown): string {
  const { code, message, details } = serializeError(err);
  return JSON.stringify({ error: { code, message, details: details ?? {} } }, null, 2);
}
