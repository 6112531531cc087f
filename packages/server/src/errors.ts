/**
 * OpenAI-shaped errors: every failure the server or the in-process fetch reports is an `ApiError` (the contract's
 * `APIError`, the class the generated Node client throws too) that renders as `{"error": {"message", "type", "param",
 * "code"}}` with its HTTP status. The ones only a server meets (unknown URL, body too large, malformed JSON) are here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
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

/**
 * The API-key check of a server started with a key: null when the request may proceed (no key configured, GET /health,
 * or `Authorization: Bearer <key>`), else the 401 to answer, worded as the API words it (a missing key, or an
 * incorrect one; the key sent is never echoed). The keys are compared as SHA-256 digests in constant time, so the
 * time taken says nothing about how much of a guess was right.
 */
export function checkApiKey(
  key: string | undefined,
  method: string,
  url: string,
  authorization: string | undefined,
): ApiError | null {
  if (key === undefined) return null;
  const pathname = url.split('?')[0]!.replace(/\/+$/, '') || '/';
  if (method === 'GET' && (pathname === '/health' || pathname === '/health/ready')) return null;
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!m)
    return new openai.APIError(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  if (!timingSafeEqual(digest(m[1]!.trim()), digest(key)))
    return new openai.APIError(401, {
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  return null;
}

export function malformedJson(): ApiError {
  return invalidRequest(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was sent was not valid JSON.)",
  );
}
