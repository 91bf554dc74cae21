import http from 'node:http';
import type { Express } from 'express';

/**
 * Node's defaults hold a client that trickles its headers for a minute, checked only every 30 s.
 * A request must arrive whole soon; responses (the live stream) may last as long as they like.
 */
export const serverTimeouts = {
  /** all request headers within 10 s */
  headersTimeoutMs: 10_000,
  /** the whole request, body included, within 30 s */
  requestTimeoutMs: 30_000,
  /** an idle keep-alive connection is closed after 5 s */
  keepAliveTimeoutMs: 5_000,
  /** how often Node checks the two limits above */
  checkEveryMs: 1_000,
};

/** An HTTP server for `app` with the timeouts a public server needs. */
export function createHttpServer(app: Express): http.Server {
  const server = http.createServer(
    {
      headersTimeout: serverTimeouts.headersTimeoutMs,
      requestTimeout: serverTimeouts.requestTimeoutMs,
      keepAliveTimeout: serverTimeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: serverTimeouts.checkEveryMs,
    },
    app,
  );
  return server;
}
