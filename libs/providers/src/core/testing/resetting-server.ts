import net from 'node:net';

/**
 * A real TCP server on loopback that resets every connection once the request has reached it: the client's socket
 * gets a true RST (`read ECONNRESET`), the way a provider's load balancer drops a connection, instead of an error
 * that a mock emits itself (nock's replyWithError took another code path, issue #14).
 */
export interface ResettingServer {
  /** `http://127.0.0.1:<port>`; a client's base URL may add any path prefix to it. */
  readonly origin: string;
  /** Connections accepted so far: proves the request really reached the server. */
  readonly connections: number;
}

/** Starts the server before the enclosing describe's tests and closes it after them (call it inside a describe). */
export function useResettingServer(): ResettingServer {
  let server: net.Server | undefined;
  let origin = '';
  let connections = 0;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      connections += 1;
      // The reset is the server's own doing: its side of the socket has nothing left to report.
      socket.on('error', () => undefined);
      // Once the request's head has arrived, never before: a reset while the client still connects or writes may
      // surface as a connect error or EPIPE, depending on timing; after it the client is reading: read ECONNRESET.
      // (The specs' requests are small, written in one piece with their body.)
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) socket.resetAndDestroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(0, '127.0.0.1', () => resolve());
    });
    origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    // Every connection was reset, so close() has nothing to wait for.
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  return {
    get origin() {
      return origin;
    },
    get connections() {
      return connections;
    },
  };
}
