/**
 * Malformed HTTP only a raw socket can send: broken request lines and headers, conflicting lengths, bad chunking,
 * oversized heads, bodies cut short. `path` is a route of the app (so the request gets as far as it can).
 */
export interface RawCase {
  name: string;
  bytes: string | Buffer;
  /** End our side after writing (a client that sends less than it announced, then hangs up). */
  halfClose?: boolean;
}

export function rawCases(path: string): RawCase[] {
  const big = 'a'.repeat(17 * 1024);
  const json = 'Content-Type: application/json\r\n';
  return [
    { name: 'no Host header', bytes: `GET ${path} HTTP/1.1\r\n\r\n` },
    { name: 'garbage request line', bytes: 'HELLO THERE\r\n\r\n' },
    { name: 'unknown HTTP version', bytes: `GET ${path} HTTP/9.9\r\nHost: x\r\n\r\n` },
    { name: 'HTTP/1.0 without Host', bytes: `GET ${path} HTTP/1.0\r\n\r\n` },
    { name: 'header without a colon', bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n` },
    { name: 'space in a header name', bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n` },
    { name: 'NUL in a header value', bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n` },
    { name: 'obsolete line folding', bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n` },
    { name: 'bare LF line endings', bytes: `GET ${path} HTTP/1.1\nHost: x\n\n` },
    { name: 'NUL in the path', bytes: `GET ${path}\u0000x HTTP/1.1\r\nHost: x\r\n\r\n` },
    {
      name: 'raw non-ASCII in the path',
      bytes: Buffer.from(`GET ${path}\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1'),
    },
    { name: 'absolute-form URL', bytes: `GET http://evil.example${path} HTTP/1.1\r\nHost: x\r\n\r\n` },
    { name: 'CONNECT', bytes: 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n' },
    { name: 'TRACE', bytes: `TRACE ${path} HTTP/1.1\r\nHost: x\r\n\r\n` },
    { name: 'unknown method', bytes: `BREW ${path} HTTP/1.1\r\nHost: x\r\n\r\n` },
    {
      name: 'Content-Length and Transfer-Encoding together',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    },
    {
      name: 'two different Content-Lengths',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    },
    {
      name: 'negative Content-Length',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Content-Length: -1\r\n\r\n{}`,
    },
    {
      name: 'non-numeric Content-Length',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Content-Length: zz\r\n\r\n{}`,
    },
    {
      name: 'invalid chunk size',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    },
    {
      name: 'unknown transfer coding',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Transfer-Encoding: gzip\r\n\r\n{}`,
    },
    {
      name: 'chunked body cut short',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Transfer-Encoding: chunked\r\n\r\n10\r\n{"a":`,
      halfClose: true,
    },
    {
      name: 'body shorter than Content-Length',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Content-Length: 100\r\n\r\n{"a":`,
      halfClose: true,
    },
    { name: 'headers cut short', bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: `, halfClose: true },
    { name: 'URL over 16 KB', bytes: `GET ${path}?q=${big} HTTP/1.1\r\nHost: x\r\n\r\n` },
    { name: 'HEAD with a URL over 16 KB', bytes: `HEAD ${path}?q=${big} HTTP/1.1\r\nHost: x\r\n\r\n` },
    { name: 'header over 16 KB', bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n` },
    {
      name: 'Expect: 100-continue, then nothing',
      bytes: `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Expect: 100-continue\r\nContent-Length: 2\r\n\r\n`,
      halfClose: true,
    },
    {
      name: 'a good request pipelined with a malformed one',
      bytes: `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\nGET ${path} HTTP/1.1\r\nBroken\r\n\r\n`,
    },
    {
      name: 'JSON body with invalid UTF-8',
      bytes: Buffer.concat([
        Buffer.from(
          `POST ${path} HTTP/1.1\r\nHost: x\r\n${json}Content-Length: 9\r\nConnection: close\r\n\r\n{"a":"`,
        ),
        Buffer.from([0xff, 0xc0]),
        Buffer.from('"}'),
      ]),
    },
  ];
}

/** Status of every response on the connection (pipelining answers several). */
export function statusesOf(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}
