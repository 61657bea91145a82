/** The part of a `ws` WebSocket the shim touches. */
interface SocketLike {
  protocol: string;
  send(data: unknown, callback?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
}

const PATCHED = Symbol('closesRefusalsWith4403');

/**
 * graphql-ws (`graphql-transport-ws`) has no `connection_error` message: a server that refuses connection_init
 * closes the socket with 4403 Forbidden. Mercurius sends the legacy `connection_error` on either protocol (and
 * the standard client reports a protocol violation), so on graphql-transport-ws sockets that message becomes the
 * 4403 close the protocol defines. Installed through Mercurius' subscription `context` (the one hook that sees the
 * socket), before onConnect runs.
 */
export function closeRefusedConnectionsWith4403(socket: SocketLike): void {
  const marked = socket as SocketLike & { [PATCHED]?: true };
  if (socket.protocol !== 'graphql-transport-ws' || marked[PATCHED]) return;
  marked[PATCHED] = true;
  const send = socket.send.bind(socket);
  socket.send = (data, callback) => {
    if (typeof data === 'string' && isConnectionError(data)) {
      socket.close(4403, 'Forbidden');
      callback?.();
      return;
    }
    send(data, callback);
  };
}

function isConnectionError(data: string): boolean {
  try {
    return (JSON.parse(data) as { type?: unknown }).type === 'connection_error';
  } catch {
    return false;
  }
}
