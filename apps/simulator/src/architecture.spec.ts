import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The simulator is a second, independent implementation of each provider's contract: if it imported the provider
 * clients (their schemas, types or constants), the contract tests would compare the clients with themselves.
 */
const SIMULATOR_SRC = resolve('apps/simulator/src');
const CLIENTS = resolve('libs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: static and dynamic imports, re-exports, require(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

describe('simulator architecture', () => {
  const files = sourceFiles(SIMULATOR_SRC);

  it('reads the whole simulator source', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(specifiers("import { x } from './a.js';\nexport * from \"../b.js\";\nawait import('c');")).toEqual(
      ['./a.js', '../b.js', 'c'],
    );
  });

  it('never imports the provider clients (libs/ or the @app/providers alias)', () => {
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((spec) => {
          if (spec.startsWith('@app/')) return true;
          if (!spec.startsWith('.')) return false;
          const target = resolve(dirname(file), spec);
          return !relative(CLIENTS, target).startsWith('..');
        })
        .map((spec) => `${relative(SIMULATOR_SRC, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
