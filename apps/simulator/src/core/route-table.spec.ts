import { RouteTable } from './route-table.js';

describe('RouteTable.whyUnreachable', () => {
  const table = new RouteTable();
  table.add('wessaal', '/wessaal', ['GET', 'HEAD'], '/wessaal/integration/v1/messages/:id');
  table.add('wessaal', '/wessaal', 'POST', '/wessaal/integration/v1/messages/send');
  table.add('wamessenger', '/wamessenger', 'POST', '/wamessenger/sendMessage/:apikey');

  it.each([
    ['the path after the prefix', 'POST', '/integration/v1/messages/send'],
    ['the full path', 'POST', '/wessaal/integration/v1/messages/send'],
    ['a concrete id in a parameter', 'GET', '/integration/v1/messages/42'],
    ['a glob', undefined, '/integration/v1/messages/*'],
    ['any depth', undefined, '/**'],
    ['a full-path glob', 'GET', '/*/integration/v1/**'],
    ['no path', 'POST', undefined],
  ])('accepts %s', (_what, method, path) => {
    expect(table.whyUnreachable('wessaal', method, path)).toBeUndefined();
  });

  it.each([
    ['a prefix the banner never printed', undefined, '/wessaal/v1/messages/send'],
    ['another provider', undefined, '/sendMessage/*'],
    ['a method no route has', 'DELETE', '/integration/v1/messages/42'],
    ['a method on the wrong route', 'GET', '/integration/v1/messages/send/extra'],
  ])('refuses %s, saying why', (_what, method, path) => {
    expect(table.whyUnreachable('wessaal', method, path)).toMatch(/wessaal/);
  });
});
