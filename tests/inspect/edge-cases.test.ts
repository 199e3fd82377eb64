/**
 * Issue 15, item 8: what a new user met in `inspect`: a folder of mixed files, grammar, long
 * lines, the JSON document's `tool` field and its schema (`dl-advisor schema inspect`).
 */
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectPath, renderInspect } from '../../src/inspect/index.js';
import { jsonSchema } from '../../src/knowledge/json-schemas.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';
import { Fixtures, png, warning } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());

describe('a folder of mixed files', () => {
  it('says which files were not read, and gives the modality as a guess when they are most of it', async () => {
    for (const name of ['a.docx', 'b.pdf', 'c.bin', 'd.csv']) fx.write(`mixed/${name}`, 'x,y\n1,2\n');
    fx.write('mixed/e.png', png(4, 4));
    const r = await inspectPath(fx.path('mixed'));
    const modality = r.inferred.find((i) => i.key === 'modality');
    expect(modality).toMatchObject({ value: 'image', confidence: 'guess', evidence: 'the folder holds 1 image among 4 other files' });
    expect(warning(r, 'other-files')).toMatch(
      /^the folder also holds 4 files that are not images \(e\.g\. .*\), not read; only the 1 image was inspected; to inspect the table instead, point inspect at 'd\.csv' in /,
    );
  });

  it('a README and the labels file beside the images are not "other files"', async () => {
    for (let i = 0; i < 3; i++) fx.write(`imgs/${i}.png`, png(8, 8));
    fx.write('imgs/README.md', '# my images\n');
    const r = await inspectPath(fx.path('imgs'));
    expect(r.warnings.map((w) => w.code)).not.toContain('other-files');
    expect(r.inferred.find((i) => i.key === 'modality')?.confidence).toBe('certain');
  });
});

describe('grammar', () => {
  it('one column set aside "is not a feature"; two "are not features"', async () => {
    const rows = ['sample,dose,temp,y'];
    for (let i = 0; i < 60; i++) rows.push(`S${i},${(i * 7) % 11},${(i * 3) % 5},${i % 2 ? 'a' : 'b'}`);
    const one = await inspectPath(fx.write('one-id.csv', rows.join('\n')));
    const features = one.inferred.find((i) => i.key === 'features');
    expect(features?.evidence).toBe("of the 4 columns, the target 'y' and the ID-like column 'sample' are not features");
    const noTarget = rows.map((r) => r.split(',').slice(0, 3).join(','));
    const r = await inspectPath(fx.write('id-only.csv', noTarget.join('\n')));
    expect(r.inferred.find((i) => i.key === 'features')?.evidence).toBe("of the 3 columns, the ID-like column 'sample' is not a feature");
  });

  it('a schema message for a missing mapping reads "missing required mapping"', async () => {
    const pack = fx.write('pack.yaml', 'pack: p\nversion: 1.0.0\ndescription: d\nrules:\n  - id: r\n    summary: s\n    basis: heuristic\n');
    const r = await cli(['rules', 'validate', pack]);
    expect(r.stdout).toContain('rules[0].source: missing required mapping (key: value)');
    expect(r.stdout).toContain('rules[0].because: missing required string');
  });
});

describe('rendering', () => {
  it('wraps long lines to the width, with a hanging indent under the last column', async () => {
    for (const name of ['a.docx', 'b.pdf', 'c.bin']) fx.write(`wrap/${name}`, 'x');
    fx.write('wrap/e.png', png(4, 4));
    const text = renderInspect(await inspectPath(fx.path('wrap')), 'text', { width: 60 });
    const lines = text.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    const at = lines.findIndex((l) => l.startsWith('  modality'));
    expect(lines[at + 1]).toMatch(/^ {21}\S/); // under "because"
    expect(text).toContain('! the folder also holds 3 files that are not images');
  });

  it('JSON has the tool field (as advise does), is compact when piped, and follows `schema inspect`', async () => {
    const csv = fx.write('t.csv', 'a,label\n1,x\n2,y\n3,x\n');
    const r = await cli(['inspect', csv, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.tool).toEqual({ name: 'dl-advisor', version: '9.9.9-test' });
    expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'tool', 'path']);
    const pretty = await cli(['inspect', csv, '--json'], { tty: true });
    expect(pretty.stdout.split('\n').length).toBeGreaterThan(10);

    const schema = await cli(['schema', 'inspect']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(JSON.stringify(jsonSchema('inspect', builtin().questions))));
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(schema.stdout));
    for (const path of [csv, fx.path('wrap')]) {
      const report = JSON.parse((await cli(['inspect', path, '--json'])).stdout);
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ ...doc, tool: undefined })).toBe(false);
  });
});
