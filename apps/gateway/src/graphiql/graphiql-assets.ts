import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Where an installed package lives (its package.json's directory), found the way Node finds it. */
function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export interface GraphiqlAsset {
  file: string;
  contentType: string;
}

/**
 * The files the GraphiQL page loads, served by the gateway from installed packages (graphiql 3.9, React 18's UMD
 * builds, graphql-ws's UMD build) so that the page works with no internet, never from a CDN. Keyed by the name the
 * page asks for under /graphiql/assets/; nothing else under node_modules is reachable.
 */
export function graphiqlAssets(): Map<string, GraphiqlAsset> {
  const js = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  return new Map([
    [
      'react.production.min.js',
      { file: join(packageDir('react'), 'umd/react.production.min.js'), contentType: js },
    ],
    [
      'react-dom.production.min.js',
      { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), contentType: js },
    ],
    ['graphiql.min.js', { file: join(packageDir('graphiql'), 'graphiql.min.js'), contentType: js }],
    ['graphiql.min.css', { file: join(packageDir('graphiql'), 'graphiql.min.css'), contentType: css }],
    ['graphql-ws.min.js', { file: join(packageDir('graphql-ws'), 'umd/graphql-ws.min.js'), contentType: js }],
  ]);
}
