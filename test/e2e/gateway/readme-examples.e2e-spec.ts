import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kind, parse, print, type DefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SecretBox } from '../../../apps/gateway/src/common/crypto/secret-box.js';
import { DEMO_API_KEY, DEMO_TENANT_ID, seedTenant } from '../../../apps/gateway/src/seed/demo-seed.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/**
 * Every request example in README.md runs here, against a started gateway and simulator, as a reader would run it.
 *
 * What counts as an example: every fenced block whose language is a shell (`bash`, `sh`, `shell`, `console`, `zsh`)
 * or GraphQL (`graphql`, `gql`), and every other fenced block that contains a `curl` call. Each one either runs, or
 * says on the line before its fence (blank lines allowed) `<!-- readme-example: not runnable (why) -->`; an example
 * that is neither fails this suite, so a section added later (deploying, webhooks, ...) is run or explicitly marked.
 *
 * How they run: the gateway is at localhost:3000 and the simulator at localhost:4010 in the text; both are replaced
 * by the started ones. The demo tenant is seeded with its real key (gw_demo_key) and the demo connections. A shell
 * block runs as written in bash (`set -euo pipefail`) with `curl` failing on an HTTP error (`--fail-with-body`). A
 * GraphQL block runs each operation alone: subscriptions over graphql-ws first, then the queries and mutations in
 * order over HTTP (no `errors` allowed), then each subscription must deliver one event.
 *
 * The README also links only to files inside the repository (checked at the end).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const runShell = promisify(execFile);

const SHELLS = new Set(['bash', 'sh', 'shell', 'console', 'zsh']);
const GRAPHQL = new Set(['graphql', 'gql']);
const NOT_RUNNABLE = /<!--\s*readme-example:\s*not runnable\s*\(([^)]+)\)\s*-->\s*$/;
const EXAMPLE_TIMEOUT_MS = 60_000;

interface Block {
  line: number;
  language: string;
  code: string;
  skipReason?: string;
}

/** The fenced blocks of a Markdown text, with the not-runnable marker that precedes each, if any. */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith(fence); i++) body.push(lines[i]!);
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const marker = before >= 0 ? NOT_RUNNABLE.exec(lines[before]!) : null;
    blocks.push({
      line: start + 1,
      language: open[2]!.toLowerCase(),
      code: body.join('\n'),
      skipReason: marker?.[1]?.trim(),
    });
  }
  return blocks;
}

const blocks = fencedBlocks(readme);
const examples = blocks.filter(
  (b) => SHELLS.has(b.language) || GRAPHQL.has(b.language) || /\bcurl\s/.test(b.code),
);
const runnable = examples.filter((b) => b.skipReason === undefined);
const label = (b: Block): string => `README.md:${b.line} (${b.language || 'no language'})`;

describe('README examples, run against a started gateway', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack();
    await seedTenant(stack.db, new SecretBox(stack.config.GATEWAY_ENCRYPTION_KEY), {
      tenantId: DEMO_TENANT_ID,
      name: 'demo',
      apiKey: DEMO_API_KEY,
      simulatorUrl: stack.sim.url,
    });
  }, 120_000);
  afterAll(() => stack?.close());

  const local = (text: string): string =>
    text
      .replace(/(https?:\/\/)?localhost:3000/g, stack.url)
      .replace(/(https?:\/\/)?localhost:4010/g, stack.sim.url)
      .replace(/ws:\/\/http:\/\//g, 'ws://');

  it('finds the examples, and every one runs or is marked not runnable with a reason', () => {
    expect(runnable.filter((b) => SHELLS.has(b.language)).length).toBeGreaterThanOrEqual(3);
    expect(runnable.filter((b) => GRAPHQL.has(b.language)).length).toBeGreaterThanOrEqual(1);
    const unrunnable = examples.filter(
      (b) => b.skipReason === undefined && !GRAPHQL.has(b.language) && !/\bcurl\s/.test(b.code),
    );
    expect(unrunnable.map((b) => `${label(b)} has no curl call: run one, or mark it not runnable`)).toEqual(
      [],
    );
  });

  const shellExamples = runnable.filter((b) => !GRAPHQL.has(b.language));
  it.each(shellExamples.map((b) => [label(b), b] as const))(
    '%s runs and succeeds',
    async (_label, block) => {
      const script = [
        'set -euo pipefail',
        // An HTTP error is a failed example, with the answer shown.
        'curl() { command curl --fail-with-body --show-error --max-time 30 "$@"; }',
        local(block.code.replace(/^\$ /gm, '')),
      ].join('\n');
      const result = await runShell('bash', ['-c', script], { cwd: root, timeout: EXAMPLE_TIMEOUT_MS }).catch(
        (error: { code?: number; stdout?: string; stderr?: string }) => {
          throw new Error(`${label(block)} failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
        },
      );
      expect(result.stdout.trim()).not.toBe('');
    },
    EXAMPLE_TIMEOUT_MS * 2,
  );

  const graphqlExamples = runnable.filter((b) => GRAPHQL.has(b.language));
  it.each(graphqlExamples.map((b) => [label(b), b] as const))(
    '%s runs every operation without errors',
    async (_label, block) => {
      const document = parse(block.code);
      const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      const operations = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      const source = (operation: DefinitionNode): string =>
        [operation, ...fragments].map((d) => print(d)).join('\n');

      const ws = createClient({
        url: `${stack.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${DEMO_API_KEY}` },
        retryAttempts: 0,
      });
      try {
        const firstEvents = operations
          .filter((o) => o.operation === 'subscription')
          .map(async (operation) => {
            const events = ws.iterate({ query: source(operation) });
            const first = await events.next();
            await events.return?.();
            return first.value as { data?: unknown; errors?: unknown } | undefined;
          });
        // Let the subscriptions reach the server before the operations that trigger their events.
        await new Promise((resolveWait) => setTimeout(resolveWait, 500));
        for (const operation of operations.filter((o) => o.operation !== 'subscription')) {
          const res = await fetch(`${stack.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_API_KEY}` },
            body: JSON.stringify({ query: source(operation) }),
          });
          const body = (await res.json()) as { data?: unknown; errors?: unknown };
          expect({ status: res.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
          expect(body.data).toBeTruthy();
        }
        for (const event of await Promise.all(firstEvents)) {
          expect(event?.errors).toBeUndefined();
          expect(event?.data).toBeTruthy();
        }
      } finally {
        await ws.dispose();
      }
    },
    EXAMPLE_TIMEOUT_MS * 2,
  );

  it('links only to files inside the repository, each of which exists', () => {
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    const local = targets.filter((t) => !/^(https?:|mailto:|#)/.test(t));
    expect(local.length).toBeGreaterThan(3);
    const broken = local.filter((target) => {
      const path = resolve(root, decodeURIComponent(target.split('#')[0]!));
      return relative(root, path).startsWith('..') || !existsSync(path);
    });
    expect(broken).toEqual([]);
    const remote = targets.filter((t) => /^https?:/.test(t) && !/^https?:\/\/localhost[:/]/.test(t));
    expect(remote).toEqual([]);
    // Paths in the text, too, stay inside the clone.
    expect(readme.match(/`\.\.\/[^`]*`|\s\.\.\/\S+/g) ?? []).toEqual([]);
  });
});
