import { existsSync } from 'node:fs';
import { graphiqlAssets } from './graphiql-assets.js';
import { graphiqlPage } from './graphiql-page.js';

describe('graphiqlPage', () => {
  it('loads every script and stylesheet from the gateway itself, never from another host', () => {
    const page = graphiqlPage({ endpoint: '/graphql', apiKey: 'gw_demo_key' });
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBe(5);
    for (const source of sources) expect(source).toMatch(/^\/graphiql\/assets\/[\w.-]+$/);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('pre-fills the headers pane only when given a key, escaped for an inline script', () => {
    expect(graphiqlPage({ endpoint: '/graphql', apiKey: 'gw_demo_key' })).toContain('Bearer gw_demo_key');
    expect(graphiqlPage({ endpoint: '/graphql' })).not.toContain('Bearer');
    expect(graphiqlPage({ endpoint: '/graphql', apiKey: '</script><script>alert(1)' })).not.toContain(
      '</script><script>alert(1)',
    );
  });

  it('serves each asset it names from an installed package file', () => {
    const assets = graphiqlAssets();
    const page = graphiqlPage({ endpoint: '/graphql' });
    for (const [name, asset] of assets) {
      expect(page).toContain(`/graphiql/assets/${name}`);
      expect(existsSync(asset.file)).toBe(true);
    }
  });
});
