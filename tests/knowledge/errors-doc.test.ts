/** docs/errors.md documents every problem code, and only those (src/problem-codes.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/knowledge/paths.js';
import { PROBLEM_CODES } from '../../src/problem-codes.js';

const doc = readFileSync(`${packageRoot()}docs/errors.md`, 'utf8');
const rows = [...doc.matchAll(/^\| `([a-z*-]+)` \| (.+?) \| (.+?) \| (.+?) \|$/gm)];

describe('docs/errors.md', () => {
  it('has one row per problem code, plus the yaml-* and usage-* families', () => {
    const documented = rows.map((r) => r[1]);
    expect([...documented].sort()).toEqual([...PROBLEM_CODES, 'yaml-*', 'usage-*'].sort());
  });

  it('gives every code a meaning, an example message and a fix', () => {
    for (const [, code, meaning, example, fix] of rows) {
      expect(meaning?.trim().length, code).toBeGreaterThan(5);
      expect(example, code).toMatch(/`.+`/);
      expect(fix?.trim().length, code).toBeGreaterThan(3);
    }
  });
});
