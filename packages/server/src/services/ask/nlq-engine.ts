/**
 * The one place the server calls the question engine (`@uam/engine` nlq). Importing this file
 * loads the engine and DuckDB, so the ask service imports it on first use, like data-engine.ts.
 */
export {
  type Answer,
  askQuestion,
  buildNlqProfile,
  type Conversation,
  type LlmOptions,
  type NlqColumn,
  type NlqProfile,
  newConversation,
  suggestQuestions,
} from '@uam/engine';
