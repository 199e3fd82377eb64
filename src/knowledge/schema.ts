/**
 * The single source of truth for every file format dl-advisor reads: knowledge packs
 * (questions, method cards, rules) and rule-test cases. TypeScript types are inferred
 * from these schemas and the published JSON Schemas are generated from them
 * (`dl-advisor schema rules`).
 *
 * This module imports zod, which costs ~70 ms to load. Only the loader of user files and
 * the build step import it at run time; everything else imports its *types* only
 * (`import type`), which TypeScript erases.
 */
import { z } from 'zod';
import { dataSchemas } from './schema-data.js';
import { StarterTemplate } from './schema-starter.js';

export const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const KEY_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
/** Keys that could reach Object.prototype if they were ever used as plain-object keys. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const id = z.string().regex(ID_PATTERN, { error: 'ids are kebab-case: lower-case letters, digits and single dashes (e.g. "image-cnn")' }).max(80);
const key = z
  .string()
  .regex(KEY_PATTERN, { error: 'question ids are camelCase letters and digits (e.g. "labelQuality")' })
  .max(60)
  .refine((k) => !(FORBIDDEN_KEYS as readonly string[]).includes(k), { error: 'this name is reserved' });
const text = (max = 2000) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);

// ---------------------------------------------------------------- conditions

const scalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalar>;

export const Operators = z.strictObject({
  eq: scalar.optional(),
  ne: scalar.optional(),
  in: z.array(scalar).min(1).max(100).optional(),
  notIn: z.array(scalar).min(1).max(100).optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
});
export type Operators = z.infer<typeof Operators>;
export { OPERATOR_NAMES, type OperatorName } from './operators.js';

/**
 * A condition is declarative data, never code:
 *   { modality: image }                         equality
 *   { labeled: { lt: 1000 }, task: { in: [...] } }  several keys = all of them
 *   { all: [...] } | { any: [...] } | { not: {...} }
 */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | { [question: string]: Scalar | Operators };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1).max(100) }),
    z.strictObject({ any: z.array(Condition).min(1).max(100) }),
    z.strictObject({ not: Condition }),
    z
      .record(key, z.union([scalar, Operators]))
      .refine((o) => Object.keys(o).length > 0, { error: 'a condition needs at least one question' })
      .refine((o) => !('all' in o || 'any' in o || 'not' in o), {
        error: '"all", "any" and "not" must stand alone in their own condition object',
      }),
  ]),
) as z.ZodType<Condition>;

// ---------------------------------------------------------------- questions

const Choice = z.strictObject({
  value: z.string().min(1).max(60),
  label: text(80),
  description: text(300),
  /**
   * When this value applies, as a condition on the other answers (a `kind` of `volume` only for
   * images). The walkthrough offers only the choices whose validIf holds; flags and files that
   * give a value whose validIf fails are an error, unless the question's validIfScope is
   * `walkthrough`.
   */
  validIf: Condition.optional(),
});

export const Question = z.strictObject({
  id: key,
  type: z.enum(['choice', 'integer']),
  prompt: text(200),
  help: text(300),
  required: z.boolean().default(false),
  /** A choice value, an integer, or null for "unknown" (integer questions only). */
  default: z.union([z.string(), z.number().int(), z.null()]).optional(),
  choices: z.array(Choice).min(2).max(50).optional(),
  /** The choice value that means "not sure"; the rules treat it as no evidence. */
  unsure: z.string().optional(),
  min: z.number().int().optional(),
  /** Human words for the number, used in prompts and messages (e.g. "labelled examples"). */
  unit: text(80).optional(),
  /** When the walkthrough asks it; flags and files may answer it regardless. */
  askIf: Condition.optional(),
  /** How the answer reads in the advice's one-line summary ("{{value}} labelled"); unset: listed after it. */
  headline: text(60).optional(),
  /**
   * Where the choices' validIf applies: `always` (default; an answer from a flag or file whose
   * validIf fails is an error) or `walkthrough` (it only narrows what the walkthrough offers).
   */
  validIfScope: z.enum(['always', 'walkthrough']).optional(),
  /** Answers that do not change any outcome on their own are documented as informational. */
  informational: text(300).optional(),
});
export type Question = z.infer<typeof Question>;

// ---------------------------------------------------------------- method cards

export const MethodKind = z.enum(['model', 'strategy', 'interpretability']);
export type MethodKind = z.infer<typeof MethodKind>;

const Reference = z.strictObject({
  ref: text(300),
  section: z.string().max(40).optional(),
  url: z.url().max(500).optional(),
});

export const Method = z.strictObject({
  id,
  kind: MethodKind,
  name: text(80),
  summary: text(1500),
  fits: z.array(text(400)).min(1).max(20),
  avoid: z.array(text(400)).min(1).max(20),
  dataNeeds: text(600),
  interpretability: text(600),
  start: z.array(text(400)).min(1).max(20),
  pitfalls: z.array(text(400)).min(1).max(20),
  references: z.array(Reference).min(1).max(20),
});
export type Method = z.infer<typeof Method>;

// ---------------------------------------------------------------- rules

export const Basis = z.enum(['paper', 'article', 'practice', 'heuristic']);
export type Basis = z.infer<typeof Basis>;

export const Source = z.strictObject({
  ref: text(300),
  section: z.string().max(40).optional(),
  basis: Basis,
  url: z.url().max(500).optional(),
  note: text(500).optional(),
});
export type Source = z.infer<typeof Source>;

// ---------------------------------------------------------------- references, recipes, evaluation plan (schema-data.ts)

export { StarterTemplate };

export const { Reference: WorkReference, Recipe, Split, Metric } = dataSchemas(Condition, Source);
export type WorkReference = z.infer<typeof WorkReference>;
export type Recipe = z.infer<typeof Recipe>;
export type Split = z.infer<typeof Split>;
export type Metric = z.infer<typeof Metric>;

const weight = z.number().positive().max(20);

export const Rule = z.strictObject({
  id,
  /** One line for `rules list`. */
  summary: text(200),
  /** Omitted: the rule always applies. */
  when: Condition.optional(),
  favor: z.record(id, weight).optional(),
  disfavor: z.record(id, weight).optional(),
  exclude: z.array(id).max(50).optional(),
  strategies: z.array(id).max(20).optional(),
  interpretability: z.array(id).max(20).optional(),
  /** A warning shown under "Cautions". */
  caution: text().optional(),
  nextSteps: z.array(text(500)).max(10).optional(),
  /** Why the rule holds, shown as the reason; `{{key}}` inserts an answer. */
  because: text(),
  source: Source,
  /**
   * Apply the rule's strategies, interpretability, caution and next steps only when the
   * recommended model is one of these (evaluated after the models are ranked).
   */
  whenPrimary: z.array(id).min(1).max(50).optional(),
  /** Replace an earlier rule with the same id (from a pack loaded before this one). */
  override: z.boolean().optional(),
});
export type Rule = z.infer<typeof Rule>;

export const Pack = z.strictObject({
  pack: id,
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, { error: 'use a semantic version such as "1.0.0"' }),
  description: text(500).optional(),
  questions: z.array(Question).max(200).optional(),
  methods: z.array(Method).max(500).optional(),
  rules: z.array(Rule).max(5000).optional(),
  /** Ids of rules from earlier packs to switch off. */
  disable: z.array(id).max(5000).optional(),
  /** Works cited by id from rule sources, method-card references and recipes (one entry per work). */
  references: z.array(WorkReference).max(2000).optional(),
  /** Concrete starting points for ranked models; the first whose model and `when` match is used. */
  recipes: z.array(Recipe).max(2000).optional(),
  /** The evaluation plan: the first split, and the first metric, whose `when` holds. */
  splits: z.array(Split).max(200).optional(),
  metrics: z.array(Metric).max(200).optional(),
  /** Starter templates (issue 17): the files `dl-advisor starter` writes for the recipes they name. */
  starters: z.array(StarterTemplate).max(50).optional(),
});
export type Pack = z.infer<typeof Pack>;

// ---------------------------------------------------------------- rule tests

const ids = z.array(id).min(1).max(50);
export const TestCase = z.strictObject({
  id,
  story: text(1000).optional(),
  source: text(500).optional(),
  answers: z.record(key, z.union([z.string(), z.number(), z.boolean(), z.null()])),
  expect: z.strictObject({
    /** The first recommendation must be one of these. */
    primary: ids.optional(),
    /** None of these may come first. */
    notPrimary: ids.optional(),
    /** Each must be among the runners-up. */
    alternatives: ids.optional(),
    /** Each must be among the strategies. */
    strategies: ids.optional(),
    /** At least one must be among the strategies. */
    strategiesAnyOf: ids.optional(),
    /** None may be among the strategies. */
    notStrategies: ids.optional(),
    interpretability: ids.optional(),
    interpretabilityAnyOf: ids.optional(),
    /** Rule ids whose caution must be shown. */
    cautions: ids.optional(),
    /** The primary's recipe must be one of these recipe ids (issue 13). */
    recipe: ids.optional(),
    /** Each must be the recipe of some ranked model (primary or runner-up). */
    recipes: ids.optional(),
    /** The evaluation split of the recipes (random, stratified, grouped, temporal, scaffold, ...). */
    split: id.optional(),
  }),
});
export type TestCase = z.infer<typeof TestCase>;
export const TestFile = z.array(TestCase).max(10000);
