import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  /** 1-based, in arrival order. */
  n: number;
  headers: Record<string, string>;
  body: string;
  /** What this receiver answered (0 while a hanging request is still open). */
  answered: number;
}

/** What to answer the n-th request: a status (with headers), or `hang` (never answer). */
export type ReceiverBehaviour = (n: number) => { status: number; headers?: Record<string, string> } | 'hang';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests still open (hanging). */
  open(): number;
  behave(behaviour: ReceiverBehaviour): void;
  /** The parsed body, verified with the Standard Webhooks library and `secret`; throws when it does not verify. */
  verify(
    delivery: ReceivedWebhook,
    secret: string,
  ): { type: string; timestamp: string; data: Record<string, unknown> };
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 for e2e suites, answering 204 unless told otherwise. */
export async function startWebhookReceiver(
  behaviour: ReceiverBehaviour = () => ({ status: 204 }),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<ServerResponse>();
  let behave = behaviour;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery: ReceivedWebhook = {
        n: received.length + 1,
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        answered: 0,
      };
      received.push(delivery);
      const answer = behave(delivery.n);
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      delivery.answered = answer.status;
      res
        .writeHead(answer.status, answer.headers)
        .end(answer.status === 204 ? undefined : `answer ${answer.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    open: () => hanging.size,
    behave(next) {
      behave = next;
    },
    verify(delivery, secret) {
      return new Webhook(secret).verify(delivery.body, delivery.headers) as ReturnType<
        WebhookReceiver['verify']
      >;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
