/**
 * Server-sent events over `fetch()` and a ReadableStream: unlike EventSource it can send an
 * `Authorization` header (the wall display's token). One small parser (`SseParser`, the WHATWG
 * event-stream format), one reconnect policy (`reconnectDelayMs`), one connection loop
 * (`openEventStream`) that the wall and the dispatch console share.
 */

/** One dispatched event: `data` lines joined with '\n'; `id` is the last event id seen so far. */
export interface SseMessage {
  event: string;
  data: string;
  id: string;
}

/**
 * Incremental `text/event-stream` parser. Feed it decoded text in any chunking; it returns the
 * complete events. Comment lines (`: heartbeat`) produce no event but are reported by `onComment`.
 */
export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private eventType = '';
  /** The last event id: survives across events, as the spec says, and is sent back on reconnect. */
  lastEventId = '';
  /** The server's `retry:` value in milliseconds, once it sent one. */
  retryMs: number | null = null;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let lineEnd: number;
    while ((lineEnd = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // a trailing '\r' may be the first half of '\r\n' split across chunks: wait for the next one
      if (this.buffer[lineEnd] === '\r' && lineEnd === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, lineEnd);
      const newlineLength = this.buffer.startsWith('\r\n', lineEnd) ? 2 : 1;
      this.buffer = this.buffer.slice(lineEnd + newlineLength);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventType = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }

  private dispatch(): SseMessage | null {
    const hadData = this.dataLines.length > 0;
    const message = { event: this.eventType || 'message', data: this.dataLines.join('\n'), id: this.lastEventId };
    this.dataLines = [];
    this.eventType = '';
    return hadData ? message : null;
  }
}

/** 1, 2, 5, 10, 30 s, then 30 s for every further failure in a row. */
export const reconnectDelaysMs: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/** How long to wait before attempt number `failures + 1` (`failures` failed attempts in a row so far). */
export function reconnectDelayMs(failures: number, delays: readonly number[] = reconnectDelaysMs): number {
  return delays[Math.min(failures, delays.length - 1)] ?? 30_000;
}

/** `connecting` before the first answer, `open` while the stream is up, `reconnecting` between attempts. */
export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface EventStreamOptions {
  /** Same-origin path or absolute URL of the stream. */
  url: string;
  /** Request headers, asked before each attempt (a token may change). Default: none. */
  headers?: () => Record<string, string>;
  /** Default `same-origin` (the session cookie); the wall sends `omit`. */
  credentials?: RequestCredentials;
  /** Silence (no byte, not even a heartbeat) after which the connection counts as dead. Default 35 s. */
  silenceTimeoutMs?: number;
  /** Delays between failed attempts in a row. Default `reconnectDelaysMs`. */
  delaysMs?: readonly number[];
  onMessage(message: SseMessage): void;
  /** The stream is up; `reconnected` when it had been up before (events may have been missed meanwhile). */
  onOpen(info: { reconnected: boolean }): void;
  onStateChange(state: StreamState): void;
  /**
   * The server answered with an HTTP error instead of a stream (e.g. 401). Return `'stop'` to end the
   * stream for good (the caller starts a new one when it wants); anything else retries after the backoff.
   */
  onHttpError?(status: number): 'stop' | 'retry' | void;
  /** Called after each failed or dropped attempt with the number of failures in a row. */
  onFailure?(failures: number): void;
}

export const defaultSilenceTimeoutMs = 35_000;

/**
 * Keeps one event stream open until the returned function is called: reads it with fetch(), sends
 * `Last-Event-ID` when reconnecting, honours the server's `retry:` as the first delay, treats
 * `silenceTimeoutMs` without a byte as a dead connection, and backs off 1, 2, 5, 10, 30 s between
 * failed attempts in a row.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const silenceTimeoutMs = options.silenceTimeoutMs ?? defaultSilenceTimeoutMs;
  const delays = options.delaysMs ?? reconnectDelaysMs;
  let stopped = false;
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let everOpened = false;
  let lastEventId = '';
  let serverRetryMs: number | null = null;

  const setState = (state: StreamState) => {
    if (!stopped) options.onStateChange(state);
  };

  const armSilenceTimer = (attempt: AbortController) => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => attempt.abort(new DOMException('no data within the silence timeout', 'TimeoutError')), silenceTimeoutMs);
  };

  const scheduleRetry = () => {
    if (stopped) return;
    clearTimeout(silenceTimer);
    // the first retry after a stream that was up waits what the server asked for (`retry:`), if anything
    const backoff = reconnectDelayMs(failures, delays);
    const delay = failures === 0 && serverRetryMs !== null ? Math.min(serverRetryMs, backoff) : backoff;
    failures += 1;
    options.onFailure?.(failures);
    setState(everOpened ? 'reconnecting' : 'connecting');
    retryTimer = setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    if (stopped) return;
    const attempt = new AbortController();
    controller = attempt;
    armSilenceTimer(attempt);
    const headers = new Headers({ ...options.headers?.(), accept: 'text/event-stream' });
    if (lastEventId !== '') headers.set('last-event-id', lastEventId);
    let opened = false;
    try {
      const response = await fetch(options.url, {
        headers,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
        signal: attempt.signal,
      });
      if (!response.ok || !response.body) {
        void response.body?.cancel().catch(() => undefined);
        clearTimeout(silenceTimer);
        if (options.onHttpError?.(response.status) === 'stop') {
          controller = null;
          return;
        }
        scheduleRetry();
        return;
      }
      opened = true;
      failures = 0;
      setState('open');
      options.onOpen({ reconnected: everOpened });
      everOpened = true;
      const parser = new SseParser();
      parser.lastEventId = lastEventId;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || stopped) break;
        armSilenceTimer(attempt);
        for (const message of parser.push(value)) {
          lastEventId = message.id;
          if (!stopped) options.onMessage(message);
        }
        lastEventId = parser.lastEventId;
        serverRetryMs = parser.retryMs ?? serverRetryMs;
      }
    } catch {
      // a network failure, the silence timeout or stop(): all end this attempt
    }
    if (controller === attempt) controller = null;
    attempt.abort();
    if (stopped) return;
    if (opened) failures = 0;
    scheduleRetry();
  };

  setState('connecting');
  void connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(silenceTimer);
    controller?.abort();
    controller = null;
  };
}
