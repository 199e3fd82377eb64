/**
 * The JSON document of `advise --format json` (contract section 3), as a zod schema: the
 * single source of its TypeScript type and of `dl-advisor schema output`.
 * The engine imports only the types (erased at build), so zod is not loaded to advise.
 */
import { z } from 'zod';
import { Basis } from './schema.js';

export const SCHEMA_VERSION = 1;

const answerValue = z.union([z.string(), z.number(), z.null()]);

export const Reason = z.strictObject({
  rule: z.string().meta({ description: 'id of the rule that gave this reason' }),
  text: z.string(),
  source: z.string().meta({ description: 'human-readable citation, e.g. "Raghu & Schmidt 2020, sec. 2.3"' }),
  basis: Basis,
  /** favor/disfavor weight in log-likelihood units (natural log). */
  weight: z.number().optional(),
  ref: z.string().optional().meta({ description: 'id of the cited work in the top-level references[] (absent for a free-text citation)' }),
});
export type Reason = z.infer<typeof Reason>;

/** A concrete starting point for a ranked model (issue 13), from the recipes of the loaded packs. */
export const RecipeOut = z.strictObject({
  id: z.string(),
  summary: z.string().meta({ description: 'one line a scientist can act on' }),
  representation: z.string().meta({ description: 'what the model is fed: raw input, pretrained embeddings, fingerprints, summary features, ...' }),
  steps: z.array(z.string()),
  settings: z.array(z.string()).meta({ description: 'the first hyperparameters worth setting' }),
  libraries: z.array(z.strictObject({ name: z.string(), install: z.string() })),
  evaluation: z.strictObject({
    split: z
      .string()
      .meta({ description: 'random, stratified, grouped, temporal, scaffold, leave-site-out, ...: follows the answers (dependence, task, kind, shift)' }),
    metric: z.string(),
    why: z.string(),
    column: z
      .string()
      .optional()
      .meta({ description: 'with --data: the column to group the folds by (grouped) or to order them by (temporal), as the data showed it' }),
  }),
  baseline: z.string().optional().meta({ description: 'what to run beside it' }),
  license: z.string().optional().meta({ description: 'where the weights or library restrict use: a caution, not a refusal' }),
  starter: z.string().optional().meta({ description: 'starter template family: tabular, image, signal, sequence, molecules, text, generic' }),
  source: z.string(),
  ref: z.string().optional(),
});
export type RecipeOut = z.infer<typeof RecipeOut>;

export const RankedModel = z.strictObject({
  id: z.string(),
  name: z.string(),
  score: z.number().min(0).max(1).meta({ description: 'normalised share of the evidence; primary + alternatives sum to 1' }),
  evidence: z.number().meta({ description: 'summed log-likelihood weight of the rules for minus against' }),
  reasons: z.array(Reason).min(1),
  against: z.array(Reason),
  recipe: RecipeOut.optional().meta({
    description: 'how to start with this model; present whenever a loaded recipe realises it (the built-in ones realise every built-in model)',
  }),
});
export type RankedModel = z.infer<typeof RankedModel>;

export const Item = z.strictObject({ id: z.string(), name: z.string(), reasons: z.array(Reason).min(1) });
export type Item = z.infer<typeof Item>;

export const Caution = z.strictObject({
  rule: z.string(),
  text: z.string(),
  source: z.string(),
  basis: Basis,
  ref: z.string().optional().meta({ description: 'id of the cited work in the top-level references[]' }),
});
export type Caution = z.infer<typeof Caution>;

/** A work cited by the document (issue 13), from the references of the loaded packs. */
export const CitedWork = z.strictObject({
  id: z.string(),
  short: z.string().meta({ description: 'how the document prints it, e.g. "Raghu & Schmidt 2020"' }),
  authors: z.array(z.string()),
  year: z.number().int(),
  title: z.string(),
  venue: z.string(),
  doi: z.string().optional(),
  arxiv: z.string().optional(),
  url: z.string().optional(),
});
export type CitedWork = z.infer<typeof CitedWork>;

export const Check = z.strictObject({
  question: z.string(),
  op: z.string(),
  expected: z.unknown(),
  actual: answerValue,
  pass: z.boolean(),
});

export const Explanation = z.strictObject({
  rules: z.array(
    z.strictObject({
      id: z.string(),
      pack: z.string(),
      fired: z.boolean().meta({ description: 'its conditions held (a rule for another primary model fires but does not apply)' }),
      applied: z.boolean().meta({ description: 'it fired and applies to the recommended model: the rules counted in rules.fired' }),
      checks: z.array(Check),
      whenPrimary: z.array(z.string()).optional(),
      note: z.string().optional(),
    }),
  ),
  decidedBy: z.array(Reason).meta({ description: 'the reasons for the primary, largest weight first' }),
  whyNot: z.array(
    z.strictObject({
      id: z.string(),
      score: z.number(),
      gap: z.number().meta({ description: 'evidence of the primary minus evidence of this model, in log-likelihood units (natural log)' }),
      odds: z.number().meta({ description: 'how many times more likely the answers make the primary than this model: exp(gap), rounded' }),
      against: z.array(Reason),
      missing: z.array(Reason).meta({ description: 'reasons the primary had that this model did not' }),
    }),
  ),
  excluded: z.array(z.strictObject({ id: z.string(), reasons: z.array(Reason) })),
});
export type Explanation = z.infer<typeof Explanation>;

/** What `--data` found (issue 17): the inferred answers with their evidence, and the warnings. */
export const DataSection = z.strictObject({
  path: z.string().meta({ description: 'the data path as given' }),
  format: z.string().meta({ description: 'what inspect read it as: csv, tsv, jsonl, image-folder, fasta, ...' }),
  inferred: z.array(
    z.strictObject({
      key: z.string(),
      value: z.union([z.string(), z.number()]),
      evidence: z.string().meta({ description: 'why, in plain words; reads after "because"' }),
      confidence: z.enum(['certain', 'likely', 'guess']),
      used: z.boolean().meta({ description: 'false when a flag or an answers file gave another value' }),
    }),
  ),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
});
export type DataSection = z.infer<typeof DataSection>;

/** A published problem close to the user's (issue 16): the `precedents` shown with the advice. */
export const PrecedentOut = z.strictObject({
  id: z.string().meta({ description: 'the entry in rules/precedents/ (`dl-advisor precedents ID`)' }),
  citation: z.string().meta({ description: 'authors, year, title and venue as printed, e.g. "Esteva et al. 2017. Dermatologist-level ... Nature."' }),
  authors: z.array(z.string()).meta({ description: '"others" at the end stands for the remaining authors' }),
  year: z.number().int(),
  title: z.string(),
  venue: z.string(),
  doi: z.string().optional(),
  arxiv: z.string().optional(),
  url: z.string().optional().meta({ description: 'a stable address, where the work has neither a DOI nor an arXiv id' }),
  link: z.string().meta({ description: 'https://doi.org/..., https://arxiv.org/abs/... or the url' }),
  similarity: z.number().min(0).max(1).meta({ description: 'closeness to the answers: same modality and task first, then kind, labelled-set size, ...' }),
  why: z.array(z.string()).meta({ description: 'why it is close (or where it differs), in plain words, most important first' }),
  used: z.array(z.string()).meta({ description: 'method ids of what the authors used' }),
  recipe: z.string().meta({ description: 'what they used, in a few words' }),
  result: z.enum(['positive', 'negative', 'caution']).meta({
    description: 'positive: it worked; negative: a complex model did not beat a simple one; caution: a shift, shortcut or leakage of the evaluation',
  }),
  finding: z.string().meta({ description: 'what they found, with the figure' }),
});
export type PrecedentOut = z.infer<typeof PrecedentOut>;

export const Result = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.strictObject({ name: z.literal('dl-advisor'), version: z.string() }),
  answers: z.record(z.string(), answerValue).meta({ description: 'every answer key, defaults applied; null = unknown' }),
  recommendation: z.strictObject({
    primary: RankedModel,
    alternatives: z.array(RankedModel),
    strategies: z.array(Item),
    interpretability: z.array(Item),
    cautions: z.array(Caution),
    nextSteps: z.array(z.string()),
    nextStepsDetail: z.array(z.strictObject({ text: z.string(), rule: z.string(), source: z.string(), ref: z.string().optional() })),
  }),
  rules: z.strictObject({ files: z.array(z.string()), count: z.number().int(), fired: z.array(z.string()) }),
  explain: Explanation.optional(),
  data: DataSection.optional().meta({
    description: 'with --data: what the data showed (the cautions it led to are in recommendation.cautions, rule "data:CODE")',
  }),
  references: z
    .array(CitedWork)
    .optional()
    .meta({ description: 'every work cited in this document (by reasons, cautions, next steps and recipes), in order of first citation' }),
  precedents: z.array(PrecedentOut).optional().meta({
    description: 'published problems closest to the answers, closest first (three by default; --precedents N, none with --no-precedents)',
  }),
});
export type Result = z.infer<typeof Result>;

export const ErrorDocument = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  errors: z
    .array(
      z.strictObject({
        code: z.string(),
        message: z.string(),
        file: z.string().optional(),
        line: z.number().int().optional(),
        column: z.number().int().optional(),
        /** Where in the file, as keys and indices from the top (docs/errors.md). */
        path: z.array(z.union([z.string(), z.number().int()])).optional(),
        hint: z.string().optional(),
      }),
    )
    .min(1),
});
export type ErrorDocument = z.infer<typeof ErrorDocument>;

export const OutputDocument = z.union([Result, ErrorDocument]);
