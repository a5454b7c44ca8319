import { PassThrough } from 'node:stream';
import { answerParseError } from './http-parse-error';

describe('answerParseError', () => {
  const answer = (code: string, raw?: string) => {
    const socket = new PassThrough();
    let written = '';
    socket.on('data', (chunk: Buffer) => (written += chunk.toString('latin1')));
    const error = Object.assign(new Error('Parse Error'), {
      code,
      ...(raw === undefined ? {} : { rawPacket: Buffer.from(raw, 'latin1') }),
    });
    socket.on('error', () => undefined);
    answerParseError(error, socket);
    const [head = '', body = ''] = written.split('\r\n\r\n');
    return { head, body: JSON.parse(body) as Record<string, unknown>, destroyed: socket.destroyed };
  };

  it('names the header whose value holds a NUL, as the client spelled it, in a problem', () => {
    const { head, body, destroyed } = answer(
      'HPE_INVALID_HEADER_TOKEN',
      'POST /api/trades HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0000b\r\nX-Other: fine\r\n\r\n',
    );
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(body).toEqual({
      type: 'https://tradeflow.dev/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'a request header holds a character HTTP does not allow',
      errors: [{ field: 'Idempotency-Key', message: 'must not contain control characters' }],
    });
    expect(destroyed).toBe(true);
  });

  it('says headers when the bad line cannot be told, and url for a raw control character in the URL', () => {
    expect(
      answer('HPE_INVALID_HEADER_TOKEN', 'GET / HTTP/1.1\r\nX\u0000Y: 1\r\n\r\n').body['errors'],
    ).toEqual([{ field: 'headers', message: 'must not contain control characters' }]);
    expect(answer('HPE_INVALID_HEADER_TOKEN').body['errors']).toEqual([
      { field: 'headers', message: 'must not contain control characters' },
    ]);
    expect(answer('HPE_INVALID_URL', 'GET /a\u0001 HTTP/1.1\r\n\r\n').body).toMatchObject({
      status: 400,
      errors: [{ field: 'url' }],
    });
  });

  it('answers headers over the limit with 431 and a slow request with 408', () => {
    expect(answer('HPE_HEADER_OVERFLOW').head.split('\r\n')[0]).toBe(
      'HTTP/1.1 431 Request Header Fields Too Large',
    );
    expect(answer('ERR_HTTP_REQUEST_TIMEOUT').body).toMatchObject({ status: 408 });
  });

  it('writes nothing to a connection the client reset', () => {
    const socket = new PassThrough();
    const write = jest.spyOn(socket, 'write');
    answerParseError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), socket);
    expect(write).not.toHaveBeenCalled();
  });
});
