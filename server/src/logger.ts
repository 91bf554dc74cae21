import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'redgrid' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password'],
      remove: true,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A member's link token is a credential: never in a log line (path `/api/m/…`, `/m/…`, or `?m=`). */
export function redactUrl(url: string): string {
  return url.replace(/(\/m\/)[^/?#]+/g, '$1[token]').replace(/([?&]m=)[^&#]*/g, '$1[token]');
}
