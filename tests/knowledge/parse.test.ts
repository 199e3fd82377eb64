import { describe, expect, it } from 'vitest';
import { decodeText, parseYaml } from '../../src/knowledge/parse.js';
import { Pack } from '../../src/knowledge/schema.js';

const enc = (s: string) => new TextEncoder().encode(s);
const pack = (rules: string) => `pack: p\nversion: 1.0.0\nrules:\n${rules}`;

describe('decodeText', () => {
  it('strips a UTF-8 BOM and keeps CRLF text intact', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('a: 1\r\n')]), 'f')).toBe('a: 1\r\n');
  });
  it.each([
    ['binary', Uint8Array.from([0x61, 0x00, 0x62]), 'binary-file'],
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), 'bad-encoding'],
    ['Latin-1', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'bad-encoding'],
  ])('rejects %s with a clear problem', (_, bytes, code) => {
    expect(decodeText(bytes, 'x.yaml')).toMatchObject({ code, file: 'x.yaml' });
  });
  it('enforces the size limit', () => {
    expect(decodeText(new Uint8Array(11), 'f', 10)).toMatchObject({ code: 'file-too-large' });
  });
});

describe('parseYaml', () => {
  it('returns the validated value', () => {
    const r = parseYaml(pack('  - id: r\n    summary: s\n    because: b\n    favor: { cnn: 1 }\n    source: { ref: x, basis: paper }\n'), 'p.yaml', Pack);
    expect(r.problems).toEqual([]);
    expect(r.value?.rules?.[0]?.favor).toEqual({ cnn: 1 });
  });

  it('locates an unknown key at the key itself', () => {
    const r = parseYaml(pack('  - id: r\n    summary: s\n    because: b\n    favour: { cnn: 1 }\n    source: { ref: x, basis: paper }\n'), 'p.yaml', Pack);
    expect(r.problems).toEqual([
      {
        code: 'unknown-key',
        file: 'p.yaml',
        line: 7,
        column: 5,
        path: ['rules', 0, 'favour'],
        message: 'rules[0].favour: unknown key "favour"',
        hint: 'did you mean "favor"?',
      },
    ]);
  });

  it('reports every problem, not only the first', () => {
    const r = parseYaml(pack('  - id: Bad_Id\n    summary: s\n    because: b\n    source: { ref: x, basis: guess }\n'), 'p.yaml', Pack);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [4, expect.stringContaining('rules[0].id: ids are kebab-case')],
      [7, 'rules[0].source.basis: "guess" is not allowed; expected one of "paper", "article", "practice", "heuristic"'],
    ]);
  });

  it('names a missing required field at its parent', () => {
    const r = parseYaml(pack('  - id: r\n    summary: s\n    source: { ref: x, basis: paper }\n'), 'p.yaml', Pack);
    expect(r.problems).toEqual([expect.objectContaining({ line: 4, message: 'rules[0].because: missing required string' })]);
  });

  it('rejects duplicate keys with their position', () => {
    const r = parseYaml('pack: p\npack: q\nversion: 1.0.0\n', 'd.yaml', Pack);
    expect(r.problems[0]).toMatchObject({ code: 'yaml-duplicate-key', file: 'd.yaml', line: 2, column: 1 });
  });

  it('reports YAML syntax errors with line and column', () => {
    const r = parseYaml('pack: [unclosed\nversion: 1.0.0\n', 's.yaml', Pack);
    expect(r.problems[0]).toMatchObject({ file: 's.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(r.value).toBeUndefined();
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    const r = parseYaml(lines.join('\n'), 'bomb.yaml', Pack);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'yaml-aliases', message: expect.stringContaining('aliases expand too much') })]);
  });

  it('refuses prototype keys', () => {
    const r = parseYaml('pack: p\nversion: 1.0.0\n__proto__: { polluted: true }\n', 'proto.yaml', Pack);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'forbidden-key', line: 3, column: 1 })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = `${'['.repeat(70)}${']'.repeat(70)}`;
    const r = parseYaml(`pack: ${deep}\n`, 'deep.yaml', Pack);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'too-deep', message: 'nesting deeper than 64 levels; the limit is 64' })]);
  });

  it('refuses 10,000-deep nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
    const r = parseYaml(`pack: ${deep}\n`, 'deep.yaml', Pack);
    expect(r.value).toBeUndefined();
    expect(r.problems[0]?.code).toMatch(/^(too-deep|yaml-resource-exhaustion)$/);
  });

  it('reads CRLF files with correct lines', () => {
    const r = parseYaml('pack: p\r\nversion: 1.0.0\r\nbogus: 1\r\n', 'crlf.yaml', Pack);
    expect(r.problems).toEqual([expect.objectContaining({ line: 3, column: 1, code: 'unknown-key' })]);
  });
});

describe('numbers YAML would read silently', () => {
  it('refuses hexadecimal and octal numbers rather than guess', () => {
    const r = parseYaml(
      'pack: p\nversion: 1.0.0\nrules:\n  - id: r\n    summary: s\n    because: b\n    when: { labeled: { lt: 0x10 } }\n    favor: { cnn: 0o17 }\n    source: { ref: x, basis: paper }\n',
      'n.yaml',
      Pack,
    );
    expect(r.problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['ambiguous-number', 7, 'number 0x10 is hexadecimal in YAML (16)'],
      ['ambiguous-number', 8, 'number 0o17 is octal in YAML (15)'],
    ]);
  });
});
