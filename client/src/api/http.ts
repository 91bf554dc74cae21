/**
 * The one way the client talks to the API: same-origin JSON, the session cookie sent by the browser,
 * `X-CSRF-Token` on every write, `{ error: { code, message } }` turned into an ApiError, and a 401
 * handed to the session layer (which sends the user to the sign-in page).
 */

/** A failed API call: `code` is the server's stable error code, or `network_error` when there was no answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From a `Retry-After` header (429), in seconds; null when the server gave none. */
    readonly retryAfterSeconds: number | null = null,
    /** The whole error answer, for errors that carry more than a message (a refused file's problems). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const networkErrorCode = 'network_error';

const csrfHeader = 'X-CSRF-Token';

/** Held in memory only: a reload asks `/api/v1/auth/me` for it again. */
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on a 401 from any call that does not opt out; the session layer registers it once. */
export function handleUnauthenticated(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Default `GET`. */
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a file), with the Content-Type named in `headers`; instead of `body`. */
  raw?: Blob;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  /**
   * Default true: a 401 means the session is gone, so the user is sent to sign in. False for calls
   * where a 401 is itself the answer (sign-in with a wrong password, the start-up session check).
   */
  signInOn401?: boolean;
}

function errorFromBody(status: number, body: unknown, retryAfterSeconds: number | null): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const { code, message } = error;
      if (typeof code === 'string' && typeof message === 'string') {
        return new ApiError(status, code, message, retryAfterSeconds, body);
      }
    }
  }
  return new ApiError(status, 'http_error', `HTTP ${status}`, retryAfterSeconds);
}

/** `Retry-After` as delay-seconds; the HTTP-date form is turned into seconds from now. */
function retryAfter(response: Response): number | null {
  const value = response.headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function headersFor(method: HttpMethod, hasBody: boolean, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ ...extra, accept: 'application/json' });
  if (hasBody) headers.set('content-type', 'application/json');
  if (method !== 'GET' && csrfToken !== null) headers.set(csrfHeader, csrfToken);
  return headers;
}

/**
 * Call a same-origin API path and return its JSON body (undefined for 204). Throws ApiError on a
 * non-2xx answer or a network failure; an aborted call rethrows the AbortError.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, raw, signal, headers, signInOn401 = true } = options;
  const hasBody = body !== undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, hasBody, headers),
      body: raw ?? (hasBody ? JSON.stringify(body) : null),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, networkErrorCode, error instanceof Error ? error.message : String(error));
  }
  // a body cut off by an abort is the abort, not an empty answer (a caller would read null as its data)
  const json: unknown =
    response.status === 204
      ? undefined
      : await response.json().catch((error: unknown) => {
          if (signal?.aborted) throw error;
          return null;
        });
  if (response.ok) return json as T;
  if (response.status === 401 && signInOn401) onUnauthenticated?.();
  throw errorFromBody(response.status, json, retryAfter(response));
}

/** GET a same-origin JSON resource (see `request`). */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { signal });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
