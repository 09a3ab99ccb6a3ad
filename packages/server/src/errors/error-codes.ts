/**
 * The closed set of error codes UAM answers with. Each code carries its HTTP status here, so
 * domain code only names the code and `api/` decides nothing else. Documented in docs/api.md.
 */
export const ERROR_CODES = {
  // generic request errors
  VALIDATION_ERROR: { status: 400, message: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, message: 'Bad request' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  CONFLICT: { status: 409, message: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type' },
  HEADERS_TOO_LARGE: { status: 431, message: 'Request headers are too large' },
  RATE_LIMITED: { status: 429, message: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service unavailable' },
  // auth
  AUTH_REQUIRED: { status: 401, message: 'Authentication required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'Wrong email or password' },
  AUTH_INVALID_TOKEN: { status: 401, message: 'The token is invalid or expired' },
  AUTH_REFRESH_REUSED: {
    status: 401,
    message: 'This refresh token was already used; the session was revoked',
  },
  AUTH_USER_DISABLED: { status: 401, message: 'This account is disabled' },
  AUTH_SIGNUP_CLOSED: { status: 403, message: 'Sign-up is closed on this server' },
  AUTH_EMAIL_TAKEN: { status: 409, message: 'An account with this email already exists' },
  FORBIDDEN: { status: 403, message: 'You do not have permission to do this' },
  // projects and users
  PROJECT_NOT_FOUND: { status: 404, message: 'Project not found' },
  USER_NOT_FOUND: { status: 404, message: 'User not found' },
  MEMBER_NOT_FOUND: { status: 404, message: 'Member not found' },
  LAST_OWNER: { status: 409, message: 'A project needs at least one owner' },
  LAST_ADMIN: { status: 409, message: 'The organization needs at least one active admin' },
  API_KEY_NOT_FOUND: { status: 404, message: 'API key not found' },
  // jobs
  JOB_NOT_FOUND: { status: 404, message: 'Job not found' },
  JOB_TYPE_UNKNOWN: { status: 400, message: 'Unknown job type' },
  JOB_NOT_CANCELLABLE: { status: 409, message: 'The job has already finished' },
  JOB_FAILED: { status: 500, message: 'The job failed' },
  JOB_CANCELLED: { status: 409, message: 'The job was cancelled' },
  JOB_INTERRUPTED: { status: 500, message: 'The job was interrupted by a crash and could not be retried' },
  JOB_TIMEOUT: { status: 504, message: 'The job took too long' },
  // storage
  STORAGE_KEY_INVALID: { status: 400, message: 'Invalid storage key' },
  STORAGE_NOT_FOUND: { status: 404, message: 'File not found' },
  STORAGE_SIGNATURE_INVALID: { status: 403, message: 'The download link is invalid or expired' },
  STORAGE_ERROR: { status: 502, message: 'The file store failed' },
  // datasets
  DATASET_NOT_FOUND: { status: 404, message: 'Dataset not found' },
  DATASET_VERSION_NOT_FOUND: { status: 404, message: 'Dataset version not found' },
  DATASET_NOT_READY: { status: 409, message: 'The dataset version is not ready' },
  DATASET_FILE_MISSING: { status: 400, message: 'The upload has no file part named "file"' },
  DATASET_UPLOAD_ABORTED: { status: 400, message: 'The upload ended before the file was complete' },
  DATASET_EMPTY: { status: 422, message: 'The file is empty' },
  DATASET_HEADER_ONLY: { status: 422, message: 'The file has a header row but no data rows' },
  DATASET_PARSE_ERROR: { status: 422, message: 'The file could not be parsed' },
  DATASET_BINARY: { status: 415, message: 'The file is binary data, not a supported table format' },
  DATASET_UNSUPPORTED_FORMAT: { status: 415, message: 'The file format is not supported' },
  DATASET_ENCODING: { status: 422, message: 'The text encoding of the file could not be read' },
  DATASET_TOO_MANY_COLUMNS: { status: 422, message: 'The file has more columns than allowed' },
  DATASET_TOO_LARGE: { status: 413, message: 'The data exceeds a size limit' },
  DATASET_ZIP_BOMB: { status: 422, message: 'The archive expands to far more data than it holds' },
  DATASET_OPTIONS_INVALID: { status: 400, message: 'A parse option is not valid' },
  SCHEMA_CAST_FAILED: { status: 422, message: 'The column cannot be converted to the requested type' },
  COLUMN_NOT_FOUND: { status: 400, message: 'A requested column does not exist' },
  FILTER_SYNTAX: { status: 400, message: 'The filter expression is not valid' },
  FILTER_UNKNOWN_COLUMN: { status: 400, message: 'The filter names a column that does not exist' },
  QUERY_TIMEOUT: { status: 504, message: 'The query took too long' },
  QUERY_BUSY: { status: 503, message: 'Too many queries are running; retry shortly' },
  // profiles, cleaning recipes, drift
  PROFILE_NOT_FOUND: { status: 404, message: 'No profile of this version yet' },
  PROFILE_NOT_READY: { status: 409, message: 'The profile is not ready' },
  RECIPE_INVALID: { status: 400, message: 'The cleaning recipe is not valid' },
  RECIPE_NOT_FOUND: { status: 404, message: 'Recipe template not found' },
  // models
  MODEL_NOT_FOUND: { status: 404, message: 'Model not found' },
  MODEL_NOT_READY: { status: 409, message: 'The model is not ready (still training, or it failed)' },
  MODEL_ALGORITHM_TASK: { status: 400, message: 'The algorithm does not support this task' },
  MODEL_BAD_PARAM: { status: 400, message: 'A model parameter is not valid' },
  MODEL_TARGET_NOT_FOUND: { status: 400, message: 'The target column is not in the dataset' },
  MODEL_TARGET_REQUIRED: { status: 400, message: 'This algorithm needs a target column' },
  MODEL_TARGET_ONE_CLASS: {
    status: 422,
    message: 'The target has a single class; there is nothing to classify',
  },
  MODEL_TARGET_ALL_MISSING: { status: 422, message: 'Every target value is missing' },
  MODEL_TARGET_NOT_NUMERIC: { status: 422, message: 'Regression needs a numeric target' },
  MODEL_TARGET_INVALID: { status: 422, message: 'The target has values the model cannot learn' },
  MODEL_TOO_FEW_ROWS: { status: 422, message: 'The dataset has too few rows to train and validate a model' },
  MODEL_NO_FEATURES: { status: 422, message: 'There are no usable feature columns' },
  MODEL_DATA_INVALID: { status: 422, message: 'The data cannot be used by this algorithm' },
  MODEL_INPUT_INVALID: { status: 400, message: 'The rows to predict do not fit the model' },
  MODEL_ARTIFACT_INVALID: { status: 500, message: 'The stored model could not be loaded' },
  // ask your data
  CONVERSATION_NOT_FOUND: { status: 404, message: 'Conversation not found' },
  TURN_NOT_FOUND: { status: 404, message: 'That question is not part of this conversation' },
  ASK_NOT_PINNABLE: { status: 409, message: 'Only an answered question can be pinned' },
  // config
  CONFIG_INVALID: { status: 500, message: 'Invalid configuration' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}
