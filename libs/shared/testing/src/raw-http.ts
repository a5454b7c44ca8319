import { connect } from 'node:net';

const LARGE_BODY = 64 * 1024;

export interface RawRequest {
  method: string;
  /** The request target exactly as sent (percent-encode it yourself, or not). */
  target: string;
  /** Written byte for byte (latin1): a NUL or a control character goes out as it is. */
  headers?: readonly (readonly [string, string])[];
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request over its own connection, written as given: fetch and node:http refuse to send a
 * NUL in a header or a raw control character in a URL, which is what an edge test has to send. The
 * answer is read to its end; an event stream's head only (its body never ends).
 */
export function rawHttp(baseUrl: string, request: RawRequest, timeoutMs = 15000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...(request.headers ?? []).map(([name, value]) => `${name}: ${value}`),
    ...(body ? [`Content-Length: ${body.length}`] : []),
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parse(received);
      if (parsed) resolve(parsed);
      else reject(error ?? new Error(`no HTTP answer to ${request.method} ${request.target}`));
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer to ${request.method} ${request.target} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => {
      const start = Buffer.from(`${head}\r\n\r\n`, 'latin1');
      if (!body || body.length <= LARGE_BODY) {
        socket.write(Buffer.concat([start, body ?? Buffer.alloc(0)]));
        return;
      }
      // A server may refuse a large body on its Content-Length alone and close at once; the body sent
      // after that answer would reset the connection and lose it. So the head goes first, and the body
      // only if no answer came within 200 ms (what `Expect: 100-continue` would do).
      socket.write(start);
      setTimeout(() => {
        if (received.length === 0 && !socket.destroyed) socket.write(body);
      }, 200);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      const answerHead = headEnd === -1 ? '' : received.subarray(0, headEnd).toString('latin1');
      if (/\r\ncontent-type: text\/event-stream/i.test(answerHead)) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error) => finish(error));
  });
}

function parse(raw: Buffer): RawResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  if (!status) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status, headers, body: body.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
