export { ERROR_CODES, type ErrorCode, statusOf } from './error-codes.ts';
export { isUamError, type SerializedError, serializeError, UamError } from './uam-error.ts';
