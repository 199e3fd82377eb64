/**
 * The parts of a pack that issue 13 added: references (one entry per cited work), recipes (a
 * concrete starting point for a ranked model) and the evaluation plan (which split and metric
 * fit the answers). A factory, so that this module shares schema.ts's Condition and Source
 * without importing it (schema.ts builds Pack from these).
 */
import { z } from 'zod';
import type { Condition } from './schema.js';

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const id = z.string().regex(ID, { error: 'ids are kebab-case: lower-case letters, digits and single dashes (e.g. "image-cnn")' }).max(80);
const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);

/** How a reference was checked: its abstract, its full text, a benchmark table, a library catalogue. */
export const CHECKED = ['abstract', 'full-text', 'benchmark-table', 'catalogue'] as const;
/** The starter template families of issue 17. */
export const STARTERS = ['tabular', 'image', 'signal', 'sequence', 'molecules', 'text', 'generic'] as const;

export function dataSchemas<S extends z.ZodType>(condition: z.ZodType<Condition>, source: S) {
  const Reference = z
    .strictObject({
      /** kebab-case, author-year[-word]: `raghu-schmidt-2020`. */
      id,
      /** How outputs print it: "Raghu & Schmidt 2020". */
      short: text(200),
      /** Full list, or the first authors then "others". */
      authors: z.array(text(120)).min(1).max(100),
      year: z.number().int().min(1600).max(2100),
      title: text(400),
      venue: text(300),
      doi: z
        .string()
        .regex(/^10\.\d{4,9}\/\S+$/, { error: 'a DOI looks like 10.1038/s41586-024-08328-6 (without https://doi.org/)' })
        .max(200)
        .optional(),
      arxiv: z
        .string()
        .regex(/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/, { error: 'an arXiv id looks like 2003.11755' })
        .optional(),
      url: z.url().max(500).optional(),
      /** How the entry was checked; absent: carried over from the earlier citations, not re-checked. */
      checked: z.enum(CHECKED).optional(),
      note: text(500).optional(),
    })
    .refine((r) => [r.doi, r.arxiv, r.url].filter((x) => x !== undefined).length === 1, {
      error: 'give exactly one of doi, arxiv or url (doi preferred)',
    });

  const Library = z.strictObject({ name: text(80), install: text(200) });

  const Recipe = z.strictObject({
    id,
    /** The model id (method card of kind model) this recipe realises. */
    model: id,
    /** Omitted: the fallback recipe for the model. */
    when: condition.optional(),
    /** One line a scientist can act on. */
    summary: text(200),
    /** What the model is fed: raw input, pretrained embeddings, fingerprints, summary features, ... */
    representation: text(400),
    steps: z.array(text(400)).min(2).max(6),
    settings: z.array(text(300)).min(1).max(6),
    libraries: z.array(Library).min(1).max(8),
    /** Overrides the metric of the evaluation plan (never the split: that follows the answers). */
    metric: text(200).optional(),
    /** What to run beside it. */
    baseline: text(300).optional(),
    /** Where the weights or library restrict use: a caution, not a refusal. */
    license: text(400).optional(),
    starter: z.enum(STARTERS).optional(),
    source,
  });

  const Split = z.strictObject({
    when: condition.optional(),
    /** random, stratified, grouped, temporal, scaffold, leave-site-out, ... */
    split: id,
    why: text(400),
  });

  const Metric = z.strictObject({ when: condition.optional(), metric: text(200) });

  return { Reference, Recipe, Split, Metric };
}
