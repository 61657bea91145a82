import { readFileSync } from 'node:fs';
import { capabilityMatrixMarkdown } from './capability-matrix.js';

describe('libs/providers/README.md', () => {
  it('shows the capability table exactly as the registry has it (regenerate with scripts/capability-matrix)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(capabilityMatrixMarkdown());
  });
});
