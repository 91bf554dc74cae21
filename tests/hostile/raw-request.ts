import http from 'node:http';

export type RawRequest = {
  method?: string;
  /** sent as is: no normalization of dot segments or percent-encoding (fetch would do both) */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** hang up after the status line and headers (event streams) */
  headersOnly?: boolean;
};

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string; code: string | undefined };

/** One HTTP request over node:http, answering the status, headers, body text and error code. */
export function rawRequest(baseUrl: string, { method = 'GET', path, headers = {}, body, headersOnly = false }: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (res) => {
        if (headersOnly) {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', code: undefined });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let code: string | undefined;
          if (res.headers['content-type']?.includes('json')) {
            try {
              code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            } catch {
              code = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, code });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
