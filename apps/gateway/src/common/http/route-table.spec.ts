import { RouteTable } from './route-table.js';

describe('RouteTable', () => {
  const table = new RouteTable();
  table.add('/v1/messages', ['GET']);
  table.add('/v1/messages', 'POST');
  table.add('/v1/messages/:id', 'GET');
  table.add('/v1/connections/:name/test', 'POST');
  table.add('/docs/*', 'GET');

  it('lists the methods of every route matching the path, HEAD with GET', () => {
    expect(table.allowedMethods('/v1/messages')).toEqual(['GET', 'HEAD', 'POST']);
    expect(table.allowedMethods('/v1/messages/abc?x=1')).toEqual(['GET', 'HEAD']);
    expect(table.allowedMethods('/v1/connections/wessaal-demo/test')).toEqual(['POST']);
    expect(table.allowedMethods('/docs/static/index.css')).toEqual(['GET', 'HEAD']);
  });

  it('knows no method for a path no route matches', () => {
    expect(table.allowedMethods('/v1/nothing')).toEqual([]);
    expect(table.allowedMethods('/v1/messages/a/b')).toEqual([]);
    expect(table.allowedMethods('/v1/connections/x/test/more')).toEqual([]);
  });
});
