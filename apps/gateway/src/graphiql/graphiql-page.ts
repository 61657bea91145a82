/** Where the page lives; scripts/start.ts prints this URL. */
export const GRAPHIQL_PATH = '/graphiql';
export const GRAPHIQL_ASSETS_PATH = `${GRAPHIQL_PATH}/assets`;

export interface GraphiqlPageOptions {
  /** The GraphQL endpoint, same origin (HTTP, and WebSocket for subscriptions). */
  endpoint: string;
  /** Pre-filled in the headers pane as `Authorization: Bearer <key>` (development only), or none. */
  apiKey?: string;
}

/** A JSON value safe inside an inline <script> (no `</script>` or `<!--` can close or confuse it). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The GraphiQL page: graphiql's UMD build rendered with React 18, assets from the gateway itself. Queries and
 * mutations go over HTTP with the headers pane's headers; subscriptions over graphql-ws, whose connection_init
 * payload carries the same Authorization header (the gateway authenticates sockets there).
 */
export function graphiqlPage(options: GraphiqlPageOptions): string {
  const config = {
    endpoint: options.endpoint,
    defaultHeaders: options.apiKey
      ? JSON.stringify({ Authorization: `Bearer ${options.apiKey}` }, null, 2)
      : undefined,
  };
  const asset = (name: string): string => `${GRAPHIQL_ASSETS_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · WhatsApp gateway</title>
    <link rel="stylesheet" href="${asset('graphiql.min.css')}" />
    <style>
      body { margin: 0; height: 100vh; }
      #graphiql { height: 100vh; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${asset('react.production.min.js')}"></script>
    <script src="${asset('react-dom.production.min.js')}"></script>
    <script src="${asset('graphql-ws.min.js')}"></script>
    <script src="${asset('graphiql.min.js')}"></script>
    <script>
      (function () {
        var config = ${scriptJson(config)};
        var httpUrl = new URL(config.endpoint, location.href).href;
        var wsUrl = httpUrl.replace(/^http/, 'ws');
        var httpFetcher = GraphiQL.createFetcher({ url: httpUrl });

        function isSubscription(params, opts) {
          var document = opts && opts.documentAST;
          if (!document) return /^\\s*subscription\\b/.test(params.query || '');
          return document.definitions.some(function (definition) {
            return (
              definition.kind === 'OperationDefinition' &&
              definition.operation === 'subscription' &&
              (!params.operationName || (definition.name && definition.name.value === params.operationName))
            );
          });
        }

        function authorizationOf(headers) {
          if (!headers) return undefined;
          for (var name in headers) if (name.toLowerCase() === 'authorization') return headers[name];
          return undefined;
        }

        // One socket per subscription, authenticated with the headers pane's Authorization at connection_init.
        async function* subscribe(params, opts) {
          var client = graphqlWs.createClient({
            url: wsUrl,
            lazy: true,
            retryAttempts: 0,
            connectionParams: { authorization: authorizationOf(opts && opts.headers) },
          });
          try {
            yield* client.iterate({
              query: params.query,
              variables: params.variables,
              operationName: params.operationName,
            });
          } finally {
            await client.dispose();
          }
        }

        function fetcher(params, opts) {
          return isSubscription(params, opts) ? subscribe(params, opts) : httpFetcher(params, opts);
        }

        ReactDOM.createRoot(document.getElementById('graphiql')).render(
          React.createElement(GraphiQL, {
            fetcher: fetcher,
            defaultHeaders: config.defaultHeaders,
            defaultEditorToolsVisibility: config.defaultHeaders ? 'headers' : undefined,
            shouldPersistHeaders: false,
          }),
        );
      })();
    </script>
  </body>
</html>
`;
}
