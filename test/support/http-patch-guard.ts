import http from 'node:http';
import https from 'node:https';

/**
 * Runs before every spec file (setupFilesAfterEnv). Jest gives each file its own modules but not its own `node:http`:
 * a nock left active by one file (nock patches http/https the moment it is imported, and only `nock.restore()` undoes
 * it) stays wrapped around every request of the later files in that worker. A later nock then wraps the dead one, and
 * its mocked errors reach a socket whose listeners the dead layer has already removed: an unhandled 'error' that
 * crashes the worker, in whichever file Jest happened to schedule next (issue #14). This check names the file that
 * leaks, fails it, and puts the originals back so the files after it run on a clean `node:http`.
 */

interface HttpEntryPoints {
  httpRequest: typeof http.request;
  httpGet: typeof http.get;
  clientRequest: typeof http.ClientRequest;
  httpsRequest: typeof https.request;
  httpsGet: typeof https.get;
}

function current(): HttpEntryPoints {
  return {
    httpRequest: http.request,
    httpGet: http.get,
    clientRequest: http.ClientRequest,
    httpsRequest: https.request,
    httpsGet: https.get,
  };
}

// Kept on the module object itself: it is the one thing shared by every file of the worker. The first file of a worker
// starts on untouched modules, and every file after it is checked (and repaired) on the way out.
const PRISTINE = Symbol.for('whatsapp-gateway.tests.pristine-node-http');
const holder = http as unknown as Record<symbol, HttpEntryPoints | undefined>;
const pristine = (holder[PRISTINE] ??= current());

afterAll(() => {
  const now = current();
  const patched = (Object.keys(pristine) as Array<keyof HttpEntryPoints>).filter(
    (key) => now[key] !== pristine[key],
  );
  if (patched.length === 0) return;
  http.request = pristine.httpRequest;
  http.get = pristine.httpGet;
  http.ClientRequest = pristine.clientRequest;
  https.request = pristine.httpsRequest;
  https.get = pristine.httpsGet;
  throw new Error(
    `this spec file left node:http patched (${patched.join(', ')}): nock activates when imported, so a file that ` +
      'imports it, even through a helper, must restore it (useNock() does)',
  );
});
