/**
 * OpenAI-shaped errors: every failure the server or the in-process fetch reports is an
 * `ApiError` that renders as `{"error": {"message", "type", "param", "code"}}` with OpenAI's status.
 */

export interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  body(): { error: ErrorBody } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** 400: the request is malformed or breaks a documented limit. */
export function invalidRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, message, 'invalid_request_error', param, code);
}

/** 404 with OpenAI's wording and code for an unknown model. */
export function modelNotFound(model: string): ApiError {
  return new ApiError(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model',
    'model_not_found',
  );
}

/** 404 for a path the server does not serve (OpenAI answers unknown URLs this way). */
export function unknownUrl(method: string, path: string): ApiError {
  return new ApiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null, null);
}

export function bodyTooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    `The request body is larger than this server accepts (${limit} bytes).`,
    'invalid_request_error',
    null,
    'request_too_large',
  );
}

/** 500: a real fault on our side (a model that failed to load or raised). */
export function serverError(message: string, code: string | null = null): ApiError {
  return new ApiError(500, message, 'server_error', null, code);
}

export function malformedJson(): ApiError {
  return invalidRequest(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was sent was not valid JSON.)",
  );
}
