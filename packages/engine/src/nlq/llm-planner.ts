/**
 * Optional planner: asks an OpenAI-compatible chat API for the same typed plan, as JSON. The
 * reply is treated as untrusted input: it must parse, pass the plan schema and the semantic
 * checks against this dataset, or it is discarded and the built-in parser answers instead.
 * The model never writes SQL; it can only choose among the plan's fields.
 */
import { isNumeric, isTemporal } from './column-kinds.ts';
import { planJsonSchema, type QueryPlan } from './plan.ts';
import type { NlqColumn, NlqProfile } from './types.ts';
import { checkPlan } from './validate-plan.ts';

export interface LlmOptions {
  /** Base URL of an OpenAI-compatible API, e.g. `http://localhost:11434/v1`. */
  url: string;
  model: string;
  apiKey?: string;
  /** Injected for tests and for platforms with their own HTTP client. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type LlmPlanResult = { ok: true; plan: QueryPlan } | { ok: false; error: string };

const MAX_REPLY_CHARS = 20_000;

export function buildPrompt(
  question: string,
  columns: readonly NlqColumn[],
  profile?: NlqProfile,
  maxDate?: string | null,
): { role: string; content: string }[] {
  const describe = columns.map((c) => {
    const p = profile?.columns[c.name];
    const kind = isNumeric(c) ? 'number' : isTemporal(c) ? 'date' : c.storageType;
    const sample = p?.topValues?.length
      ? `; values include ${p.topValues
          .slice(0, 12)
          .map((v) => JSON.stringify(v))
          .join(', ')}`
      : '';
    return `- ${JSON.stringify(c.name)} (${kind}${c.description ? `; ${c.description}` : ''}${sample})`;
  });
  const system = [
    'You translate a question about one table into a JSON query plan. Reply with the JSON object only, no prose.',
    'The plan must match this JSON Schema exactly (no other keys):',
    JSON.stringify(planJsonSchema()),
    'Use column names exactly as listed. Dates are ISO YYYY-MM-DD; date ranges are half-open [from, to).',
    maxDate
      ? `The last date in the data is ${maxDate}; relative dates ("last month") are relative to it.`
      : '',
    'If the table cannot answer the question, reply {"unanswerable": "<reason>"}.',
    'Columns:',
    ...describe,
  ].filter(Boolean);
  return [
    { role: 'system', content: system.join('\n') },
    { role: 'user', content: question },
  ];
}

/** The JSON object inside a reply, tolerating a ```json fence around it. */
export function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('no JSON object in the reply');
  return JSON.parse(body.slice(start, end + 1));
}

export async function planWithLlm(
  question: string,
  columns: readonly NlqColumn[],
  opts: LlmOptions,
  extra: { profile?: NlqProfile; maxDate?: string | null } = {},
): Promise<LlmPlanResult> {
  const doFetch = opts.fetch ?? fetch;
  const url = opts.url.replace(/\/+$/, '').endsWith('/chat/completions')
    ? opts.url
    : `${opts.url.replace(/\/+$/, '')}/chat/completions`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 20_000);
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: opts.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: buildPrompt(question, columns, extra.profile, extra.maxDate),
      }),
      signal: controller.signal,
    });
    if (!res.ok) return { ok: false, error: `LLM HTTP ${res.status}` };
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || content.length > MAX_REPLY_CHARS)
      return { ok: false, error: 'LLM reply has no usable content' };
    const json = extractJson(content);
    if (json && typeof json === 'object' && 'unanswerable' in json)
      return {
        ok: false,
        error: `LLM: ${String((json as { unanswerable: unknown }).unanswerable).slice(0, 200)}`,
      };
    const checked = checkPlan(json, columns);
    return checked.ok
      ? { ok: true, plan: checked.plan }
      : { ok: false, error: `LLM plan rejected: ${checked.problems.slice(0, 3).join('; ')}` };
  } catch (e) {
    return { ok: false, error: `LLM call failed: ${(e as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
