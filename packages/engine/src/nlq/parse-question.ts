/**
 * The built-in planner: question → plan, clarification or refusal, with no model and no
 * network. Deterministic: the same question over the same dataset always gives the same plan.
 *
 * @example
 * const ctx = buildContext({ columns, values, dateSpans, datasetName: 'cars' });
 * parseQuestion('average horsepower by origin', ctx); // → { status: 'answered', plan, ... }
 */
import type { QuestionContext } from './context.ts';
import type { Draft, Outcome } from './draft.ts';
import { extract } from './extract.ts';
import { finalize } from './finalize.ts';
import { interpret } from './interpret.ts';

export const MAX_QUESTION_LENGTH = 500;

export function parseQuestion(question: string, ctx: QuestionContext): Outcome {
  return finalize(...readQuestion(question, ctx), ctx);
}

/** The draft reading, before it becomes a plan (follow-ups merge it into the previous plan). */
export function readQuestion(question: string, ctx: QuestionContext): [Draft, ReturnType<typeof extract>] {
  const text = question.trim().slice(0, MAX_QUESTION_LENGTH);
  const findings = extract(text, ctx);
  return [interpret(findings, ctx), findings];
}
