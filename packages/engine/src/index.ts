/** @uam/engine public surface: import from here, never from a file inside the package. */

export * from './data/clean/index.ts';
export * from './data/index.ts';
export * from './drift/index.ts';
export {
  checkOption,
  ENGINE_ERROR_CODES,
  EngineError,
  type EngineErrorCode,
  isEngineError,
} from './errors.ts';
export * from './ml/index.ts';
export * from './nlq/index.ts';
export * from './profile/index.ts';
