import { readFileSync, writeFileSync } from 'node:fs';
import { capabilityMatrixMarkdown } from '../libs/providers/src/capability-matrix.js';

/** Rewrites the capability table of libs/providers/README.md between its markers. */
const path = new URL('../../libs/providers/README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const start = '<!-- capabilities:start -->';
const end = '<!-- capabilities:end -->';
const before = readme.slice(0, readme.indexOf(start) + start.length);
const after = readme.slice(readme.indexOf(end));
writeFileSync(path, `${before}\n${capabilityMatrixMarkdown()}\n${after}`);
console.log('libs/providers/README.md capability table updated');
