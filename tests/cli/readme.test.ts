import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { flagsTable } from '../../src/render/flags-table.js';
import { builtin } from '../helpers/knowledge.js';

const readme = readFileSync(`${packageRoot()}README.md`, 'utf8');

describe('README', () => {
  it('lists every question flag exactly as the questions define them', () => {
    const table = /<!-- flags:start -->\n([\s\S]*?)\n<!-- flags:end -->/.exec(readme)?.[1];
    expect(table).toBe(flagsTable(builtin().questions));
  });

  it('starts with the install-and-run command and the test command', () => {
    const first = /```sh\n([^\n]+)\n([^\n]+)\n```/.exec(readme);
    expect(first?.[1]).toMatch(/^npm ci && npm run build && npx dl-advisor /);
    expect(first?.[2]).toBe('npm test');
  });
});
