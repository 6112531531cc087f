/**
 * OpenAI-shaped errors: every failure the server or the in-process fetch reports is an `ApiError` (the contract's
 * `APIError`, the class the generated Node client throws too) that renders as `{"error": {"message", "type", "param",
 * "code"}}` with its HTTP status. The ones only a server meets (unknown URL, body too large, malformed JSON) are here.
 */
import { openai } from '@ingot/contract';

export type ErrorBody = openai.ErrorBody;
export const ApiError = openai.APIError;
export type ApiError = openai.APIError;
export const { invalidRequest, modelNotFound, serverError } = openai;

/** 404 for a path the server does not serve (OpenAI answers unknown URLs this way). */
export function unknownUrl(method: string, path: string): ApiError {
  return new openai.NotFoundError(404, {
    message: `Invalid URL (${method} ${path})`,
    type: 'invalid_request_error',
    param: null,
    code: null,
  });
}

export function bodyTooLarge(limit: number): ApiError {
  return new openai.APIError(413, {
    message: `The request body is larger than this server accepts (${limit} bytes).`,
    type: 'invalid_request_error',
    param: null,
    code: 'request_too_large',
  });
}

export function malformedJson(): ApiError {
  return invalidRequest(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was sent was not valid JSON.)",
  );
}
