/**
 * How URL inputs are fetched: extra headers, time limits, retries, and where progress goes. The CLI
 * builds them once per run (from --header, TRACECTL_HEADERS, --http-timeout, --retries) and passes
 * them with the input's place (open-input.ts InputPlace `http`).
 */

export type HttpEvent =
  /** A request is about to be sent (attempt counts from 1). */
  | { readonly type: 'request'; readonly url: string; readonly attempt: number }
  /** Response bytes received so far for `url` (as sent, before decompression). */
  | { readonly type: 'bytes'; readonly url: string; readonly bytes: number; readonly totalBytes?: number }
  /** Something the user should know that does not stop the run (a retry, a skipped trace). */
  | { readonly type: 'notice'; readonly message: string }
  /** A response body was read to its end. */
  | { readonly type: 'done'; readonly url: string; readonly bytes: number };

export interface HttpSettings {
  /** Sent with every request to the input's origin (not across a redirect to another origin). */
  readonly headers: readonly (readonly [string, string])[];
  /** Longest wait for a connection, a response, or the next piece of a body. */
  readonly timeoutMs: number;
  /** Extra attempts after a 408/429/5xx answer or a dropped connection, before the body starts. */
  readonly retries: number;
  /** First retry delay; each further one doubles. A Retry-After header is honoured up to maxRetryDelayMs. */
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly maxRedirects: number;
  readonly onEvent?: (event: HttpEvent) => void;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  headers: [],
  timeoutMs: 30_000,
  retries: 3,
  retryDelayMs: 500,
  maxRetryDelayMs: 30_000,
  maxRedirects: 5,
};
