import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../server/src/logger.ts';

/** A logger at `info` whose every line is kept in memory, for tests of what the server writes to its log. */
export function capturedLog(): { log: Logger; text(): string } {
  let lines = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines += chunk.toString();
      done();
    },
  });
  return { log: createLogger('info', sink), text: () => lines };
}
