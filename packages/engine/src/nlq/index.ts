/**
 * Ask your data: natural-language questions → typed plan → read-only SQL → exact answer.
 *
 * @example
 * const { answer, conversation } = await askQuestion(engine, { parquetPath, columns, question: 'What was the average price by region last year?' });
 * answer.answer; answer.sql; answer.params; answer.chart;
 */
export { type AskRequest, type AskResult, askQuestion } from './ask.ts';
export { buildNlqProfile } from './build-profile.ts';
export { buildContext, type QuestionContext } from './context.ts';
export { newConversation } from './conversation.ts';
export { clearFactsCache } from './dataset-facts.ts';
export { describePlan } from './describe-plan.ts';
export { type LlmOptions, type LlmPlanResult, planWithLlm } from './llm-planner.ts';
export { parseQuestion } from './parse-question.ts';
export { makePlan, planJsonSchema, type QueryPlan, QueryPlanSchema } from './plan.ts';
export { type GeneratedSql, generateSql } from './sql-generator.ts';
export { assertSafeSql, SqlGuardError } from './sql-guard.ts';
export { suggestQuestions } from './suggest.ts';
export type {
  Answer,
  AnswerColumn,
  AnswerStatus,
  ClarifyChoice,
  Conversation,
  Interpretation,
  NlqColumn,
  NlqColumnProfile,
  NlqProfile,
} from './types.ts';
export { checkPlan, validatePlan } from './validate-plan.ts';
