import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, ProblemException, toProblem } from '../problem-details.filter';

interface ParseError extends Error {
  code?: string;
  /** What the parser had read: a Buffer (Fastify's types say otherwise). */
  rawPacket?: unknown;
}

// What HTTP lets a header line hold: tab, visible ASCII and space, and obs-text.
const HEADER_LINE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Answers what Node's HTTP parser refuses before any route is found (a control character in a header, a
 * raw one in the URL, headers over 16 KiB) as problem+json naming the header or the url, like every
 * other refusal, instead of Fastify's plain JSON. Fastify's `clientErrorHandler`.
 */
export function answerParseError(error: ParseError, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = toProblem(refusalOf(error));
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function refusalOf(error: ParseError): ProblemException {
  switch (error.code ?? '') {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ProblemException(408, 'the request did not arrive in time');
    case 'HPE_HEADER_OVERFLOW':
      return new ProblemException(431, 'the request headers are over 16 KiB', [
        { field: 'headers', message: 'are too large' },
      ]);
    case 'HPE_INVALID_HEADER_TOKEN': {
      const field = badHeaderOf(error.rawPacket) ?? 'headers';
      return new ProblemException(400, 'a request header holds a character HTTP does not allow', [
        { field, message: 'must not contain control characters' },
      ]);
    }
    case 'HPE_INVALID_URL':
      return new ProblemException(400, 'the URL holds a character HTTP does not allow', [
        { field: 'url', message: 'must not contain control characters, spaces or raw non-ASCII' },
      ]);
    default:
      return new ProblemException(400, `the request is not valid HTTP (${error.message})`);
  }
}

/** The name of the first header line the parser could not take, as the client spelled it. */
function badHeaderOf(raw: unknown): string | undefined {
  if (!Buffer.isBuffer(raw)) return undefined;
  const lines = raw.toString('latin1').split('\r\n').slice(1);
  const end = lines.indexOf(''); // the body begins after the first empty line
  const bad = lines.slice(0, end === -1 ? undefined : end).find((line) => !HEADER_LINE.test(line));
  const name = bad?.slice(0, Math.max(0, bad.indexOf(':')));
  return name && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) ? name : undefined;
}
