/**
 * Property-based tests (fast-check): the answer normaliser, the loader and the engine never fail
 * with an exception on any input; the result is valid advice or a clear, reported problem.
 * Runs are kept modest so that the file stays fast.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { completeAnswers, normalizeValue, parseCount } from '../../src/answers/normalize.js';
import { fromFlags, fromMapping } from '../../src/answers/sources.js';
import type { Answers } from '../../src/engine/conditions.js';
import { evaluate, NoRecommendationError } from '../../src/engine/evaluate.js';
import { assemble } from '../../src/knowledge/assemble.js';
import { readBuiltinSources } from '../../src/knowledge/load.js';
import { decodeText, parseYaml } from '../../src/knowledge/parse.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { Pack, type Question } from '../../src/knowledge/schema.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';

/** DL_ADVISOR_PROPERTY_RUNS=20 multiplies every numRuns, for a deeper search on a developer machine. */
const SCALE = Number(process.env.DL_ADVISOR_PROPERTY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });
const k = builtin();
const builtinSources = readBuiltinSources(packageRoot());
const questions = k.questions;
const integerQuestions = questions.filter((q) => q.type === 'integer');
const choiceQuestions = questions.filter((q) => q.type === 'choice');
const models = k.methods.filter((m) => m.kind === 'model').map((m) => m.id);
const strategies = k.methods.filter((m) => m.kind === 'strategy').map((m) => m.id);
const interp = k.methods.filter((m) => m.kind === 'interpretability').map((m) => m.id);

/** Anything a person or a file could give as a value. */
const rawValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    'unknown',
    'Unknown',
    '1.2k',
    '3M',
    '1,200',
    '1_200',
    '-1',
    '1e400',
    '99999999999999999999',
    'NaN',
    'Infinity',
    'yes',
    'no',
    '__proto__',
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  // Objects and lists as JSON or YAML give them (not arbitrary objects: see the note in the report).
  fc.jsonValue({ maxDepth: 2 }),
);

describe('the answer normaliser', () => {
  it('never throws, and any value it accepts is a valid answer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), rawValue, (q: Question, raw) => {
        const r = normalizeValue(q, raw);
        if (!r.ok) {
          expect(r.message).toMatch(new RegExp(`^${q.id}: `));
          return;
        }
        if (q.type === 'integer') {
          if (r.value === null) expect(q.default).toBeNull();
          else {
            expect(Number.isSafeInteger(r.value)).toBe(true);
            expect(r.value as number).toBeGreaterThanOrEqual(q.min ?? Number.MIN_SAFE_INTEGER);
          }
        } else expect(q.choices?.map((c) => c.value)).toContain(r.value);
      }),
      runs(600),
    );
  });

  it('round-trips every valid count, however it is written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...integerQuestions).chain((q) => fc.tuple(fc.constant(q), fc.integer({ min: q.min ?? 0, max: Number.MAX_SAFE_INTEGER }))),
        ([q, n]) => {
          const written = [n, String(n), ` ${n} `, n.toLocaleString('en-US'), n.toLocaleString('en-US').replaceAll(',', '_')];
          for (const w of written) expect(normalizeValue(q, w)).toEqual({ ok: true, value: n });
          if (n % 1000 === 0 && n > 0) expect(parseCount(`${n / 1000}k`)).toBe(n);
          if (n % 100 === 0 && n < 1e12) expect(parseCount(`${n / 1e6}M`)).toBe(n);
        },
      ),
      runs(300),
    );
  });

  it('accepts every choice in any case and with spaces around', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...choiceQuestions).chain((q) => fc.tuple(fc.constant(q), fc.constantFrom(...(q.choices ?? []).map((c) => c.value)))),
        fc.boolean(),
        ([q, value], upper) => {
          expect(normalizeValue(q, `  ${upper ? value.toUpperCase() : value}\t`)).toEqual({ ok: true, value });
        },
      ),
      runs(200),
    );
  });

  it('flags, --answer pairs and answers files never throw, whatever the keys', () => {
    const key = fc.oneof(fc.constantFrom(...questions.map((q) => q.id), '__proto__', 'constructor', 'toString', 'hasOwnProperty'), fc.string());
    fc.assert(
      fc.property(fc.dictionary(key, rawValue), fc.array(fc.string()), (mapping, pairs) => {
        const a = fromFlags(questions, mapping, pairs);
        const b = fromMapping(questions, mapping, 'f.yaml', () => ({ line: 1, column: 1 }));
        for (const r of [a, b]) {
          for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0);
          const { answers } = completeAnswers(questions, r.answers);
          for (const [id, v] of Object.entries(answers))
            expect(questions.some((q) => q.id === id) && (v === null || ['string', 'number'].includes(typeof v))).toBe(true);
        }
      }),
      runs(200),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------- the loader

const id = fc.oneof(
  fc.constantFrom(...models, ...strategies, ...interp, 'image-cnn', 'lab-rule', 'lab-model'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  fc.string(),
);
const questionId = fc.oneof(fc.constantFrom(...questions.map((q) => q.id), 'labQuestion', 'all', 'any', 'not', '__proto__'), fc.string({ maxLength: 10 }));
const scalar = fc.oneof(
  fc.constantFrom(...questions.flatMap((q) => q.choices?.map((c) => c.value) ?? []), 'yes', 'no'),
  fc.integer({ min: -10, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);
const { condition } = fc.letrec((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.dictionary(
      questionId,
      fc.oneof(scalar, fc.record({ eq: scalar, in: fc.array(scalar, { maxLength: 3 }), lt: fc.integer(), gte: fc.integer() }, { requiredKeys: [] })),
      {
        minKeys: 0,
        maxKeys: 3,
      },
    ),
    fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));
const weights = fc.dictionary(id, fc.oneof(fc.double({ min: -1, max: 25, noNaN: true }), fc.integer({ min: 1, max: 5 })), { maxKeys: 3 });
const rule = fc.record(
  {
    id,
    summary: fc.string({ maxLength: 20 }),
    when: condition,
    favor: weights,
    disfavor: weights,
    exclude: fc.array(id, { maxLength: 2 }),
    strategies: fc.array(id, { maxLength: 2 }),
    interpretability: fc.array(id, { maxLength: 2 }),
    caution: fc.string({ maxLength: 30 }),
    nextSteps: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
    because: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('{{labeled}} rows', '{{nope}}', '{{ modality }}')),
    source: fc.record(
      { ref: fc.string({ maxLength: 10 }), basis: fc.constantFrom('paper', 'practice', 'heuristic', 'article', 'guess') },
      { requiredKeys: ['ref'] },
    ),
    whenPrimary: fc.array(id, { maxLength: 2 }),
    override: fc.boolean(),
    favour: fc.integer(),
  },
  { requiredKeys: ['id', 'summary', 'because', 'source'] },
);
const question = fc.record(
  {
    id: questionId,
    type: fc.constantFrom('choice', 'integer', 'text'),
    prompt: fc.string({ maxLength: 10 }),
    help: fc.string({ maxLength: 10 }),
    choices: fc.array(
      fc.record({ value: fc.constantFrom('yes', 'no', 'a', 'b'), label: fc.string({ maxLength: 5 }), description: fc.string({ maxLength: 5 }) }),
      { maxLength: 3 },
    ),
    default: scalar,
    askIf: condition,
    min: fc.integer({ min: -5, max: 5 }),
  },
  { requiredKeys: ['id', 'type', 'prompt', 'help'] },
);
const method = fc.record(
  {
    id,
    kind: fc.constantFrom('model', 'strategy', 'interpretability', 'tool'),
    name: fc.string({ maxLength: 10 }),
    summary: fc.constant('s'),
    fits: fc.constant(['f']),
    avoid: fc.constant(['a']),
    dataNeeds: fc.constant('d'),
    interpretability: fc.constant('i'),
    start: fc.constant(['s']),
    pitfalls: fc.constant(['p']),
    references: fc.constant([{ ref: 'r' }]),
  },
  { requiredKeys: ['id', 'kind', 'name'] },
);
const pack = fc.record(
  {
    pack: fc.oneof(fc.constant('lab'), id),
    version: fc.oneof(fc.constant('1.0.0'), fc.string({ maxLength: 6 }), fc.double()),
    questions: fc.array(question, { maxLength: 2 }),
    methods: fc.array(method, { maxLength: 2 }),
    rules: fc.array(rule, { maxLength: 4 }),
    disable: fc.array(id, { maxLength: 2 }),
    extra: fc.anything(),
  },
  { requiredKeys: ['pack', 'version'] },
);
/** A pack as people write them: YAML or JSON, sometimes with a BOM and CRLF line ends. */
const packText = fc.tuple(pack, fc.constantFrom('yaml', 'json', 'crlf')).map(([p, form]) => {
  if (form === 'json') return JSON.stringify(p);
  const text = stringify(p);
  return form === 'crlf' ? `\ufeff${text.replaceAll('\n', '\r\n')}` : text;
});

function loadAndAdvise(text: string, answers: Answers): 'advice' | 'problems' | 'no-recommendation' {
  const decoded = decodeText(new TextEncoder().encode(text), 'p.yaml');
  if (typeof decoded !== 'string') return 'problems';
  const parsed = parseYaml(decoded, 'p.yaml', Pack);
  if (!parsed.value) {
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const p of parsed.problems) expect(p).toMatchObject({ file: 'p.yaml', message: expect.any(String) });
    return 'problems';
  }
  const { knowledge, problems } = assemble([...builtinSources, { file: 'p.yaml', pack: parsed.value, locate: parsed.locate }]);
  if (problems.length > 0) {
    for (const p of problems) expect(p).toMatchObject({ file: 'p.yaml', line: expect.any(Number), column: expect.any(Number) });
    return 'problems';
  }
  const { answers: complete } = completeAnswers(knowledge.questions, answers);
  try {
    const result = evaluate(knowledge, complete);
    expect(result.recommendation.primary.reasons.length).toBeGreaterThan(0);
    return 'advice';
  } catch (e) {
    if (e instanceof NoRecommendationError) return 'no-recommendation';
    throw e;
  }
}

const answers = fc.record(
  Object.fromEntries(
    questions.map((q) => [
      q.id,
      q.type === 'integer'
        ? fc.oneof(fc.nat({ max: 2_000_000 }), ...(q.default === null ? [fc.constant(null)] : []))
        : fc.constantFrom(...(q.choices ?? []).map((c) => c.value)),
    ]),
  ),
  {
    requiredKeys: ['modality', 'task', 'labeled'],
  },
) as fc.Arbitrary<Answers>;

describe('the loader', () => {
  it('turns random pack-like structures into problems or a working pack, never an exception', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(packText, answers, (text, a) => {
        seen.add(loadAndAdvise(text, a));
      }),
      runs(250),
    );
    expect(seen.has('problems')).toBe(true);
  });

  it('loads well-formed random packs and advises with them, never an exception', () => {
    // Packs built only from valid parts, so that most of them pass and reach the engine.
    const validRule = fc.record({
      id: fc.stringMatching(/^lab-[a-z]{1,8}$/),
      summary: fc.constant('s'),
      when: fc.oneof(
        fc.constant(undefined),
        fc.record({ modality: fc.constantFrom('image', 'tabular', 'text') }),
        fc.record({ labeled: fc.record({ lt: fc.nat({ max: 100_000 }) }) }),
        fc.record({ any: fc.constant([{ task: 'classification' }, { not: { modality: 'graph' } }]) }),
      ),
      favor: fc.dictionary(fc.constantFrom(...models), fc.double({ min: 0.01, max: 20, noNaN: true }), { minKeys: 1, maxKeys: 3 }),
      because: fc.constantFrom('b', 'with {{labeled}} examples'),
      source: fc.constant({ ref: 'Lab', basis: 'practice' }),
    });
    const validPack = fc.record({
      pack: fc.constant('lab'),
      version: fc.constant('1.0.0'),
      rules: fc.uniqueArray(validRule, { selector: (r) => r.id, maxLength: 5 }),
      disable: fc.subarray(
        k.rules.map((r) => r.id),
        { maxLength: 3 },
      ),
    });
    const seen = new Set<string>();
    fc.assert(
      fc.property(validPack, answers, (p, a) => {
        seen.add(loadAndAdvise(stringify(JSON.parse(JSON.stringify(p))), a));
      }),
      runs(150),
    );
    expect(seen.has('advice')).toBe(true);
  });

  it('never throws on arbitrary text or bytes', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc
        .array(
          fc.constantFrom(
            'pack: p\n',
            'version: 1.0.0\n',
            'rules:\n',
            '  - ',
            'id: x\n',
            '{',
            '}',
            '[',
            ']',
            ': ',
            '&a ',
            '*a ',
            '!!str ',
            '? ',
            '|\n',
            '"',
            "'",
            '#',
            '\t',
            '\r\n',
            '---\n',
            '%YAML 1.2\n',
            '__proto__: 1\n',
            '1e400',
            '<<: *a\n',
          ),
          { maxLength: 40 },
        )
        .map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = parseYaml(t, 't.yaml', Pack);
        expect(r.value !== undefined || r.problems.length > 0).toBe(true);
      }),
      runs(400),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const d = decodeText(bytes, 'b.yaml');
        if (typeof d === 'string') parseYaml(d, 'b.yaml', Pack);
      }),
      runs(300),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('through the CLI: random packs give advice (0) or a clear user error (2), never an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-prop-'));
    await fc.assert(
      fc.asyncProperty(packText, async (text) => {
        const file = join(dir, 'p.yaml');
        writeFileSync(file, text);
        const r = await cli(['--rules', file, '--modality', 'image', '--task', 'classification', '--labeled', '900', '--json']);
        expect([0, 2]).toContain(r.code);
        const doc = JSON.parse(r.stdout);
        if (r.code === 2) expect(doc.errors.length).toBeGreaterThan(0);
        else expect(doc.recommendation.primary.reasons.length).toBeGreaterThan(0);
      }),
      runs(60),
    );
  });
});

// ---------------------------------------------------------------- the engine

describe('the engine', () => {
  it('gives a primary with reasons and scores summing to 1 for any answers to the built-in questions', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const { answers: complete, missing } = completeAnswers(questions, a);
        expect(missing).toEqual([]);
        const r = evaluate(k, complete);
        const ranked = [r.recommendation.primary, ...r.recommendation.alternatives];
        expect(r.recommendation.primary.reasons.length).toBeGreaterThan(0);
        for (const m of ranked) {
          expect(m.reasons.length).toBeGreaterThan(0);
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(1);
          expect(Number.isFinite(m.evidence)).toBe(true);
        }
        expect(ranked.reduce((s, m) => s + m.score, 0)).toBeCloseTo(1, 9);
        for (let i = 1; i < ranked.length; i++) {
          const [before, after] = [ranked[i - 1], ranked[i]] as [(typeof ranked)[number], (typeof ranked)[number]];
          expect(before.evidence).toBeGreaterThanOrEqual(after.evidence);
          // Shares are rounded to 4 decimals and the residue goes to the primary, so two tied models
          // can show 0.4294 and 0.4295 (reported; the engine is not this file's to change).
          expect(before.score).toBeGreaterThanOrEqual(after.score - 0.0001 - 1e-9);
        }
        for (const item of [...r.recommendation.strategies, ...r.recommendation.interpretability]) expect(item.reasons.length).toBeGreaterThan(0);
        expect(JSON.stringify(r)).not.toMatch(/null,"name"|NaN|Infinity/);
      }),
      runs(400),
    );
  });
});
