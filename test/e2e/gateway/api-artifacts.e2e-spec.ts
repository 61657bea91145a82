import { GraphQLSchemaHost } from '@nestjs/graphql';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createGatewayApp,
  generateApiArtifacts,
  renderApiArtifacts,
  type ApiArtifacts,
} from '../../../apps/gateway/src/app.factory.js';
import { loadGatewayConfig } from '../../../apps/gateway/src/config/gateway-config.js';
import { createTestDatabase } from '../../support/database.js';

/**
 * apps/gateway/schema.gql and apps/gateway/openapi.json are committed. They must be exactly what the code generates
 * (`npm run docs:api`), and what it generates must be exactly what a real gateway (on a real database) serves.
 */
const FILES = ['schema.gql', 'openapi.json'] as const;
const committed = (name: keyof ApiArtifacts): string | undefined => {
  const file = fileURLToPath(new URL(`../../../apps/gateway/${name}`, import.meta.url));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

/** The first differing line, so the failure says where without dumping 2,000 lines. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}: committed ${JSON.stringify(a[i])}, code ${JSON.stringify(b[i])}`;
  }
  return 'no difference';
}

describe('committed API artifacts', () => {
  let generated: ApiArtifacts;
  beforeAll(async () => {
    generated = await generateApiArtifacts();
  });

  it.each(FILES)('apps/gateway/%s matches the code', (name) => {
    const text = committed(name);
    if (text === undefined)
      throw new Error(`apps/gateway/${name} is missing: run npm run docs:api and commit it`);
    if (text !== generated[name]) {
      throw new Error(
        `apps/gateway/${name} is out of date: run npm run docs:api and commit the result (${firstDifference(text, generated[name])})`,
      );
    }
  });

  it('generation is deterministic', async () => {
    expect(await generateApiArtifacts()).toEqual(generated);
  });

  it('is what a real gateway serves: the same schema and OpenAPI document as the running app', async () => {
    const database = await createTestDatabase();
    try {
      const { app, openApi } = await createGatewayApp(loadGatewayConfig({ NODE_ENV: 'test' }), database.url);
      try {
        const live = renderApiArtifacts(app.get(GraphQLSchemaHost).schema, openApi);
        expect(live['schema.gql']).toBe(generated['schema.gql']);
        expect(live['openapi.json']).toBe(generated['openapi.json']);
        await app.listen(0, '127.0.0.1');
        const address = app.getHttpServer().address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const served = await fetch(`http://127.0.0.1:${port}/docs-json`);
        expect(await served.json()).toEqual(JSON.parse(generated['openapi.json']));
      } finally {
        await app.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('ends both files with a newline and indents the JSON by 2 spaces', () => {
    for (const name of FILES) expect(generated[name].endsWith('}\n')).toBe(true);
    expect(generated['openapi.json'].split('\n')[1]).toMatch(/^ {2}"openapi": "3\./);
  });
});
