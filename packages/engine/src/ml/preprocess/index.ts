export type { UnknownPolicy } from './categorical-step.ts';
export { type DatePart, DEFAULT_DATE_PARTS } from './date-parts.ts';
export type { ImputeStrategy, ScaleMethod } from './numeric-step.ts';
export {
  PREPROCESSOR_DEFAULTS,
  Preprocessor,
  type PreprocessorJson,
  type PreprocessorOptions,
  type TransformOptions,
} from './preprocessor.ts';
