import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * One benchmark target per process, so `taskset` can pin it to its own core: prints `READY <url>` when listening.
 * All three answer a POST with the same JSON shape the Wessaal send answers.
 */
const SEND_REPLY = {
  success: true,
  message: 'Message queued for sending',
  data: {
    message_id: 12345,
    status: 'pending',
    type: 'text',
    recipient: '+966501234567',
    queued_at: '2025-01-15T10:30:00.000000Z',
    instance: { id: 124, name: 'my-instance' },
    template_used: false,
    credits_charged: 1,
  },
};

async function main(kind: string): Promise<void> {
  if (kind === 'node') {
    const body = JSON.stringify(SEND_REPLY);
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object') console.log(`READY http://127.0.0.1:${address.port}/send`);
    });
    return;
  }
  if (kind === 'fastify') {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.post('/send', async (_req, reply) => reply.code(202).send(SEND_REPLY));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    console.log(`READY ${url}/send`);
    return;
  }
  if (kind === 'simulator') {
    const { startSimulator } = await import('../apps/simulator/src/app.js');
    const sim = await startSimulator({ port: 0 });
    // A pocket that cannot run dry during the run; everything else stays as the demo seed has it.
    const account = sim.core.accounts.get('wessaal-demo');
    if (!account) throw new Error('wessaal-demo account missing from the seed');
    account.credits = 1_000_000_000;
    console.log(`READY ${sim.url}/wessaal/integration/v1/messages/send`);
    return;
  }
  if (kind === 'stack' || kind === 'backing') {
    // Loaded only here: the gateway's modules would otherwise sit in the simulator's and Fastify's processes too,
    // measured idle: simulator 174-176 MB with them, 139 MB without; bare Fastify 158-176 MB, 62-63 MB without.
    const { startStack } = await import('./bench-stack.js');
    await startStack(kind);
    return;
  }
  throw new Error(`unknown target ${kind}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  main(process.argv[2] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
