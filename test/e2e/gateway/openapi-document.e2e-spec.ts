import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AppModule } from '../../../apps/gateway/src/app.module.js';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway-config.js';
import { startGatewayStack, type GatewayStack } from '../../support/gateway-stack.js';

/**
 * The committed OpenAPI document (apps/gateway/openapi.json) is held by what client tooling does with it:
 * Redocly's recommended lint passes with no error (warnings only of the rules redocly.yaml lists and justifies);
 * every success status is the one the route answers; and openapi-typescript's types let a strict openapi-fetch client
 * (openapi-client/walkthrough.mts) compile, with every error branch typed as Problem, and run against a real gateway.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (path: string): string => join(root, 'node_modules', path);
const documentPath = join(root, 'apps/gateway/openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as {
  paths: Record<
    string,
    Record<
      string,
      { operationId: string; responses: Record<string, unknown>; parameters?: Array<{ name?: string }> }
    >
  >;
};
/** Tools that would phone home are told not to (these machines have no internet; CI neither should). */
const quietEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};
const TOOL_TIMEOUT_MS = 180_000;

/** What openapi-client/walkthrough.mts prints. */
interface WalkthroughOutput {
  sendErrorIsProblem: boolean;
  sent: { status: number; id: string };
  earlier: string;
  replayed: { status: number; id?: string; header: string | null };
  read: { id: string; status: string };
  pages: [string[], string[]];
  hasNextPage: boolean;
  missing: { status: number; code?: string; type: string | null };
  created: { status: number; provider: string };
  invalid: { status: number; fields: string[] };
  verification: { status: number; verified: boolean };
}

/** Every controller class of a module tree, read from the module metadata (no app, no database). */
function controllersOf(root: DynamicModule): Set<Type> {
  const found = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = (entry: unknown): void => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    const dynamic = typeof entry === 'object' ? (entry as DynamicModule) : undefined;
    const moduleClass = (dynamic?.module ?? entry) as object;
    for (const controller of [
      ...((Reflect.getMetadata('controllers', moduleClass) as Type[] | undefined) ?? []),
      ...(dynamic?.controllers ?? []),
    ])
      found.add(controller);
    for (const imported of [
      ...((Reflect.getMetadata('imports', moduleClass) as unknown[] | undefined) ?? []),
      ...(dynamic?.imports ?? []),
    ])
      visit(imported);
  };
  visit(root);
  return found;
}

describe('apps/gateway/openapi.json in client tooling', () => {
  it(
    'passes Redocly lint (recommended) with no error, and warnings only of rules redocly.yaml justifies',
    async () => {
      const { stdout } = await run(
        process.execPath,
        [
          bin('@redocly/cli/bin/cli.js'),
          'lint',
          documentPath,
          '--format=json',
          `--config=${join(root, 'redocly.yaml')}`,
        ],
        { cwd: root, env: quietEnv, timeout: TOOL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      ).catch((error: { stdout?: string; stderr?: string }) => {
        // Lint exits 1 on errors; the report is still on stdout.
        if (error.stdout) return { stdout: error.stdout };
        throw new Error(`redocly did not run: ${error.stderr ?? String(error)}`);
      });
      const report = JSON.parse(stdout) as {
        totals: { errors: number };
        problems: Array<{
          ruleId: string;
          severity: string;
          message: string;
          location: Array<{ pointer: string }>;
        }>;
      };
      const errors = report.problems.filter((p) => p.severity === 'error');
      expect(errors.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
      const config = readFileSync(join(root, 'redocly.yaml'), 'utf8');
      const justified = new Set([...config.matchAll(/^ {2}([\w.-]+): warn$/gm)].map((m) => m[1]));
      const unjustified = report.problems.filter((p) => !justified.has(p.ruleId));
      expect(unjustified.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`)).toEqual([]);
    },
    TOOL_TIMEOUT_MS,
  );

  it('documents for every operation the success status the route answers (201 for creates, 200 else)', () => {
    const answered = new Map<string, number>();
    for (const controller of controllersOf(AppModule.forRoot(loadGatewayConfig({}), 'postgres://unused'))) {
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
        answered.set(`${controller.name}_${name}`, code ?? (method === RequestMethod.POST ? 201 : 200));
      }
    }
    const documented = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(documented.length).toBeGreaterThan(30);
    for (const operation of documented) {
      const success = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
      const expected = [String(answered.get(operation.operationId))];
      // A send that honours `Prefer: respond-async` answers 202 then (the handler sets it itself).
      const prefer = (operation.parameters ?? []).some((p) => p.name === 'Prefer');
      if (prefer) expected.push('202');
      expect({ operation: operation.operationId, success }).toEqual({
        operation: operation.operationId,
        success: expected,
      });
    }
  });

  describe('openapi-typescript + openapi-fetch', () => {
    let dir: string;
    let stack: GatewayStack;
    beforeAll(async () => {
      // Inside the repository (reports/ is git-ignored) so that node and tsc resolve openapi-fetch from node_modules.
      mkdirSync(join(root, 'reports'), { recursive: true });
      dir = mkdtempSync(join(root, 'reports', 'openapi-client-'));
      stack = await startGatewayStack();
    }, TOOL_TIMEOUT_MS);
    afterAll(async () => {
      await stack?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(
      'generates types that a strict typed client compiles against, then runs it against a real gateway',
      async () => {
        await run(
          process.execPath,
          [bin('openapi-typescript/bin/cli.js'), documentPath, '--output', join(dir, 'openapi-types.d.ts')],
          { cwd: root, env: quietEnv, timeout: TOOL_TIMEOUT_MS },
        );
        copyFileSync(
          fileURLToPath(new URL('./openapi-client/walkthrough.mts', import.meta.url)),
          join(dir, 'walkthrough.mts'),
        );
        writeFileSync(
          join(dir, 'tsconfig.json'),
          JSON.stringify({
            compilerOptions: {
              target: 'ES2022',
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              lib: ['ES2023', 'DOM'],
              types: ['node'],
              typeRoots: [join(root, 'node_modules/@types')],
              strict: true,
              noUnusedLocals: true,
              noUncheckedIndexedAccess: true,
              skipLibCheck: false,
              outDir: 'out',
            },
            files: ['walkthrough.mts'],
          }),
        );
        // The repository's TypeScript; a type error fails here with tsc's own message.
        await run(process.execPath, [bin('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
          cwd: dir,
          timeout: TOOL_TIMEOUT_MS,
        }).catch((error: { stdout?: string }) => {
          throw new Error(`the typed client does not compile against the generated types:\n${error.stdout}`);
        });

        const { stdout } = await run(
          process.execPath,
          [join(dir, 'out', 'walkthrough.mjs'), stack.url, stack.tenant.apiKey, stack.sim.url],
          { cwd: dir, timeout: TOOL_TIMEOUT_MS },
        );
        const seen = JSON.parse(stdout.trim().split('\n').pop()!) as WalkthroughOutput;
        expect(seen.sendErrorIsProblem).toBe(true);
        expect(seen.sent.status).toBe(201);
        expect(seen.replayed).toEqual({ status: 201, id: seen.sent.id, header: 'true' });
        expect(seen.read).toEqual({ id: seen.sent.id, status: expect.any(String) });
        expect(seen.pages[0]).toEqual([seen.sent.id]);
        // Newest first, one per page, the cursor leading to the earlier one.
        expect(seen.pages[1]).toEqual([seen.earlier]);
        expect(seen.hasNextPage).toBe(true);
        expect(seen.missing).toEqual({
          status: 404,
          code: 'NOT_FOUND',
          type: expect.stringContaining('application/problem+json'),
        });
        expect(seen.created).toEqual({ status: 201, provider: 'wessaal' });
        expect(seen.invalid.status).toBe(400);
        expect(seen.invalid.fields).toContain('name');
        expect(seen.verification).toEqual({ status: 201, verified: true });
      },
      2 * TOOL_TIMEOUT_MS,
    );
  });
});
