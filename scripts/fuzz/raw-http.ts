import { connect } from 'node:net';

/** What came back on a raw socket: the bytes as latin1, the status of the first response line, and how it ended. */
export interface RawSocketAnswer {
  text: string;
  status: number | undefined;
  /**
   * `closed` by the server; `answered` when a response head came and nothing more for a moment (a kept-alive
   * connection); `timeout` when `deadlineMs` passed with no answer and the socket still open.
   */
  ended: 'closed' | 'answered' | 'timeout' | 'error';
}

/**
 * Writes `request` byte for byte to `baseUrl`'s host and port (no HTTP client in between, so malformed requests
 * stay malformed) and reads until the server closes or `deadlineMs` passes. With `halfClose` the client ends its side
 * after writing, as a client that hangs up mid-body does.
 */
export function rawRequest(
  baseUrl: string,
  request: string | Buffer,
  options: { deadlineMs?: number; halfClose?: boolean; destroyAfterWrite?: boolean } = {},
): Promise<RawSocketAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const deadlineMs = options.deadlineMs ?? 5_000;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    let settled = false;
    const finish = (ended: RawSocketAnswer['ended']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: match ? Number(match[1]) : undefined, ended });
    };
    const timer = setTimeout(() => finish('timeout'), deadlineMs);
    let quiet: NodeJS.Timeout | undefined;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(quiet);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) quiet = setTimeout(() => finish('answered'), 50);
    });
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('error'));
    socket.on('connect', () => {
      socket.write(request, () => {
        if (options.destroyAfterWrite) setTimeout(() => finish('closed'), 50);
        else if (options.halfClose) socket.end();
      });
    });
  });
}
