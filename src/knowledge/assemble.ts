/**
 * Validated packs -> one Knowledge, in precedence order (later packs override earlier ones by id),
 * with the cross-checks a schema cannot express: unique ids, known questions and values in
 * conditions, known method ids of the right kind in effects, known placeholders in texts.
 * Pure: no I/O.
 */
import { atPath, didYouMean, type Problem, type ProblemCode } from '../errors.js';
import { assembleData, type EvaluationPlan, formatCitation, type RecipeEntry, type StarterEntry } from './assemble-data.js';
import { type ConditionVisitor, everyOp, isNumericOp, normalizeScalar, visit } from './condition-walk.js';
import { LIMITS } from './limits.js';
import type { Path } from './parse.js';
import type { Condition, Method, MethodKind, Pack, Question, Rule, WorkReference } from './schema.js';

export type { EvaluationPlan, RecipeEntry, StarterEntry } from './assemble-data.js';

export interface RuleEntry extends Rule {
  /** Id of the pack the rule came from. */
  pack: string;
  /** The printed source ("Raghu & Schmidt 2020, sec. 2.3"), and the reference id when `source.ref` names one. */
  citation?: string;
  refId?: string;
}

export interface PackInfo {
  id: string;
  version: string;
  file: string;
}

export interface Knowledge {
  questions: Question[];
  methods: Method[];
  rules: RuleEntry[];
  packs: PackInfo[];
  /** Issue 13: the works cited, the recipes (in the order they are tried) and the evaluation plan. */
  references?: WorkReference[];
  recipes?: RecipeEntry[];
  evaluation?: EvaluationPlan;
  /** Issue 17: the starter templates, user packs first. */
  starters?: StarterEntry[];
  /**
   * A shortcut of the precompiled built-in knowledge (rule-subsets.ts): the rules that may fire
   * for these answers, in the order of `rules`, and how many `rules` has; undefined to use all.
   * Every rule left out must be one that cannot fire for them. Not enumerable; gone once `rules`
   * is read (its reader may change the list).
   */
  candidateRules?: (answers: Record<string, unknown>) => { rules: readonly RuleEntry[]; total: number } | undefined;
}

export interface PackSource {
  file: string;
  pack: Pack;
  locate: (path: Path) => { line: number; column: number };
  /**
   * Questions, methods and rules of this file that failed the schema, as "question:ID",
   * "method:ID" and "rule:ID". The pack holds only the valid parts; references to these ids are
   * not reported again as unknown.
   */
  broken?: ReadonlySet<string>;
}

export function assemble(sources: readonly PackSource[]): { knowledge: Knowledge; problems: Problem[] } {
  const problems: Problem[] = [];
  const questions = new Map<string, Question>();
  const methods = new Map<string, Method>();
  const broken = new Set(sources.flatMap((s) => [...(s.broken ?? [])]));
  const packFiles = new Map<string, string>();
  for (const src of sources) {
    const report = reporter(src, problems, broken);
    const earlier = packFiles.get(src.pack.pack);
    if (earlier !== undefined && !src.broken) {
      report(['pack'], 'duplicate-pack', `pack "${src.pack.pack}" is already loaded from ${earlier}`, 'give each pack its own id, and pass each file once');
    } else packFiles.set(src.pack.pack, src.file);
    src.pack.questions?.forEach((q, i) => {
      if (questions.has(q.id)) report(['questions', i, 'id'], 'duplicate-id', `question "${q.id}" is already defined`);
      else questions.set(q.id, q);
    });
    src.pack.methods?.forEach((m, i) => {
      if (methods.has(m.id)) report(['methods', i, 'id'], 'duplicate-id', `method "${m.id}" is already defined`);
      else methods.set(m.id, m);
    });
  }
  const ctx: CheckContext = { questions, methods };
  const rules = new Map<string, RuleEntry>();
  const disabled = new Map<string, string>();
  for (const src of sources) {
    const report = reporter(src, problems, broken);
    src.pack.questions?.forEach((q, i) => checkQuestion(q, ['questions', i], ctx, report));
    const own = new Set<string>();
    src.pack.rules?.forEach((rule, i) => {
      const at: Path = ['rules', i];
      if (own.has(rule.id)) report([...at, 'id'], 'duplicate-id', `rule "${rule.id}" appears twice in this pack`);
      else if (rules.has(rule.id) && !rule.override) {
        report(
          [...at, 'id'],
          'duplicate-id',
          `rule "${rule.id}" is already defined by pack "${rules.get(rule.id)?.pack}"`,
          'add "override: true" to replace it',
        );
      } else if (!rules.has(rule.id) && rule.override) {
        const off = disabled.get(rule.id);
        report(
          [...at, 'override'],
          'nothing-to-override',
          off ? `rule "${rule.id}" overrides nothing: pack "${off}" disabled it` : `rule "${rule.id}" overrides nothing: no earlier pack defines it`,
          off ? 'remove "override: true" to add it again' : didYouMean(rule.id, [...rules.keys()]),
          `rule:${rule.id}`,
        );
      }
      own.add(rule.id);
      checkRule(rule, at, ctx, report);
      rules.set(rule.id, { ...rule, pack: src.pack.pack });
    });
    src.pack.disable?.forEach((id, i) => {
      if (rules.delete(id)) disabled.set(id, src.pack.pack);
      else report(['disable', i], 'unknown-rule', `cannot disable "${id}": no earlier rule has this id`, didYouMean(id, [...rules.keys()]), `rule:${id}`);
    });
  }
  const data = assembleData(sources, ctx, (src) => reporter(src, problems, broken));
  const cite = (rule: RuleEntry): RuleEntry => {
    const cited: RuleEntry = { ...rule, citation: formatCitation(rule.source, data.index) };
    if (data.index.has(rule.source.ref)) cited.refId = rule.source.ref;
    return cited;
  };
  const knowledge: Knowledge = {
    questions: [...questions.values()],
    methods: [...methods.values()],
    rules: [...rules.values()].map(cite),
    packs: sources.map((s) => ({ id: s.pack.pack, version: s.pack.version, file: s.file })),
    references: data.references,
    recipes: data.recipes,
    evaluation: data.evaluation,
    starters: data.starters,
  };
  return { knowledge, problems };
}

/** `name`: what the problem is about ("question:ID", ...); none is reported about an item that failed the schema. */
export type Report = (path: Path, code: ProblemCode, message: string, hint?: string, name?: string) => void;

export interface CheckContext {
  questions: Map<string, Question>;
  methods: Map<string, Method>;
}

export function reporter(src: PackSource, problems: Problem[], broken: ReadonlySet<string>): Report {
  return (path, code, message, hint, name) => {
    if (name !== undefined && broken.has(name)) return;
    problems.push({ code, file: src.file, ...src.locate(path), ...atPath(path), message, hint });
  };
}

function checkQuestion(q: Question, at: Path, ctx: CheckContext, report: Report): void {
  const values = q.choices?.map((c) => c.value) ?? [];
  if (q.type === 'choice' && values.length === 0) report([...at, 'choices'], 'missing-choices', `choice question "${q.id}" needs choices`);
  if (q.type === 'integer' && q.choices) report([...at, 'choices'], 'unexpected-choices', `integer question "${q.id}" cannot have choices`);
  if (q.default !== undefined && q.default !== null) {
    const ok = q.type === 'choice' ? values.includes(String(q.default)) : typeof q.default === 'number' && q.default >= (q.min ?? Number.MIN_SAFE_INTEGER);
    if (!ok) report([...at, 'default'], 'bad-default', `default ${JSON.stringify(q.default)} is not a valid answer to "${q.id}"`);
  }
  if (q.default === null && q.type === 'choice') report([...at, 'default'], 'bad-default', 'only integer questions can default to null (unknown)');
  if (q.unsure !== undefined && !values.includes(q.unsure)) report([...at, 'unsure'], 'bad-value', `"${q.unsure}" is not one of the choices`);
  if (q.askIf) checkCondition(q.askIf, [...at, 'askIf'], ctx, report, 0);
  q.choices?.forEach((c, i) => {
    if (!c.validIf) return;
    checkCondition(c.validIf, [...at, 'choices', i, 'validIf'], ctx, report, 0);
    if (c.value === q.default || c.value === q.unsure) {
      report(
        [...at, 'choices', i, 'validIf'],
        'bad-value',
        `"${c.value}" is the default or "not sure" value of "${q.id}", so it must always be valid`,
        'remove its validIf',
      );
    }
  });
}

function checkRule(rule: Rule, at: Path, ctx: CheckContext, report: Report): void {
  if (rule.when) checkCondition(rule.when, [...at, 'when'], ctx, report, 0);
  const effects: [keyof Rule, MethodKind, string[]][] = [
    ['favor', 'model', Object.keys(rule.favor ?? {})],
    ['disfavor', 'model', Object.keys(rule.disfavor ?? {})],
    ['exclude', 'model', rule.exclude ?? []],
    ['strategies', 'strategy', rule.strategies ?? []],
    ['interpretability', 'interpretability', rule.interpretability ?? []],
  ];
  for (const [field, kind, ids] of effects) {
    ids.forEach((id, i) => {
      const path = Array.isArray(rule[field]) ? [...at, field, i] : [...at, field, id];
      const method = ctx.methods.get(id);
      const ofKind = [...ctx.methods.values()].filter((m) => m.kind === kind).map((m) => m.id);
      if (!method) report(path, 'unknown-method', `unknown ${kind} "${id}"`, didYouMean(id, ofKind) ?? `known: ${ofKind.join(', ')}`, `method:${id}`);
      else if (method.kind !== kind) report(path, 'wrong-kind', `"${id}" is a ${method.kind}, not a ${kind}`);
    });
  }
  rule.whenPrimary?.forEach((id, i) => {
    const m = ctx.methods.get(id);
    if (!m) report([...at, 'whenPrimary', i], 'unknown-method', `unknown model "${id}"`, didYouMean(id, modelIds(ctx)), `method:${id}`);
    else if (m.kind !== 'model') report([...at, 'whenPrimary', i], 'wrong-kind', `"${id}" is a ${m.kind}, not a model`);
  });
  if (rule.whenPrimary && (rule.favor || rule.disfavor || rule.exclude)) {
    report(
      [...at, 'whenPrimary'],
      'bad-rule',
      'a rule with whenPrimary cannot favor, disfavor or exclude models (the ranking is already done when it applies)',
    );
  }
  const hasEffect = effects.some(([, , ids]) => ids.length > 0) || rule.caution || rule.nextSteps?.length;
  if (!hasEffect)
    report(at, 'no-effect', `rule "${rule.id}" has no effect`, 'add favor, disfavor, exclude, strategies, interpretability, caution or nextSteps');
  const texts: [Path, string][] = [[[...at, 'because'], rule.because]];
  if (rule.caution) texts.push([[...at, 'caution'], rule.caution]);
  rule.nextSteps?.forEach((s, i) => texts.push([[...at, 'nextSteps', i], s]));
  for (const [path, text] of texts) {
    for (const m of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      const name = m[1] ?? '';
      if (!ctx.questions.has(name))
        report(path, 'unknown-placeholder', `placeholder {{${name}}} names no question`, didYouMean(name, [...ctx.questions.keys()]), `question:${name}`);
    }
  }
}

function modelIds(ctx: CheckContext): string[] {
  return [...ctx.methods.values()].filter((m) => m.kind === 'model').map((m) => m.id);
}

interface ConditionAt {
  at: Path;
  depth: number;
  ctx: CheckContext;
  report: Report;
}

export function checkCondition(cond: Condition, at: Path, ctx: CheckContext, report: Report, depth: number): void {
  if (depth > LIMITS.conditionDepth) {
    report(at, 'too-deep', `conditions nest deeper than ${LIMITS.conditionDepth} levels of all/any/not; the limit is ${LIMITS.conditionDepth}`);
    return;
  }
  visit(cond, CHECK, { at, depth, ctx, report });
}

/** Known questions, and values and operators that fit them, at any depth. */
const CHECK: ConditionVisitor<ConditionAt, void> = {
  all: (subs, c) => subs.forEach((sub, i) => checkCondition(sub, [...c.at, 'all', i], c.ctx, c.report, c.depth + 1)),
  any: (subs, c) => subs.forEach((sub, i) => checkCondition(sub, [...c.at, 'any', i], c.ctx, c.report, c.depth + 1)),
  not: (sub, c) => checkCondition(sub, [...c.at, 'not'], c.ctx, c.report, c.depth + 1),
  mapping(m, { at, ctx, report }) {
    for (const key of Object.keys(m)) {
      const q = ctx.questions.get(key);
      if (!q) {
        report([...at, key], 'unknown-question', `unknown question "${key}"`, didYouMean(key, [...ctx.questions.keys()]), `question:${key}`);
        continue;
      }
      const spec = m[key];
      const bare = spec === null || typeof spec !== 'object';
      everyOp(
        spec,
        (op, v) => {
          const path = bare ? [...at, key] : [...at, key, op];
          if (isNumericOp(op) && q.type !== 'integer') {
            report(path, 'bad-operator', `"${op}" compares numbers, but "${key}" is a choice`, 'use eq, ne, in or notIn');
          } else if (Array.isArray(v) && !bare) v.forEach((x, i) => checkValue(q, x, [...path, i], report));
          else checkValue(q, v, path, report);
          return true;
        },
        undefined,
      );
    }
  },
};

function checkValue(q: Question, v: unknown, at: Path, report: Report): void {
  if (q.type === 'integer') {
    if (v !== null && typeof v !== 'number') report(at, 'bad-value', `"${q.id}" is a number; got ${JSON.stringify(v)}`);
    return;
  }
  const values = q.choices?.map((c) => c.value) ?? [];
  const s = typeof v === 'boolean' ? normalizeScalar(v) : v;
  if (typeof s !== 'string' || !values.includes(s)) {
    report(at, 'bad-value', `${JSON.stringify(v)} is not a value of "${q.id}"`, didYouMean(String(v), values) ?? `allowed: ${values.join(', ')}`);
  }
}
