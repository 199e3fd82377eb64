/**
 * Starter templates (issue 17): the files `dl-advisor starter` writes for a recipe, as data. A
 * template belongs to a family (whose code in src/starter/ fills config.json: the split, the
 * model), names the recipes it realises, and carries its script and requirements as text: a
 * pack's paths are never read (load.ts), so the Python comes inside the YAML.
 */
import { z } from 'zod';
import { STARTERS } from './schema-data.js';

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const id = z.string().regex(ID, { error: 'ids are kebab-case: lower-case letters, digits and single dashes (e.g. "image-cnn")' }).max(80);
const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);
const lines = (max: number) => z.array(text(600)).min(1).max(max);

/** The families with a script of their own (`generic` is the table's script with no model of its own). */
export const TEMPLATE_FAMILIES = STARTERS.filter((s) => s !== 'generic');

/** Keys of config.json that the family's code writes; a template's `config` may not set them. */
export const RESERVED_CONFIG_KEYS = [
  'data',
  'target',
  'group',
  'time',
  'drop',
  'task',
  'split',
  'split_asked',
  'recipe',
  'metric',
  'metrics',
  'baseline',
  'answers',
  'model',
  'also_try',
] as const;

export const StarterTemplate = z.strictObject({
  id,
  family: z.enum(TEMPLATE_FAMILIES as unknown as [string, ...string[]]),
  /** One line: what the experiment is. */
  summary: text(300),
  /** Recipe ids this template realises; a recipe of the family that no template names gets the family's first. */
  recipes: z.array(id).max(500),
  /** The tasks the script predicts; omitted: any (the table's script infers it from the target). */
  tasks: z
    .array(z.enum(['classification', 'regression']))
    .min(1)
    .max(2)
    .optional(),
  /** The README's "What will be run" lines. */
  runs: lines(20),
  install: z.strictObject({ pip: text(400), conda: text(400), debian: text(400) }),
  /** The README's "Reading the results" lines. */
  reading: lines(20),
  /** requirements.txt, as written. */
  requirements: text(4000),
  /**
   * run.py in parts of at most 10,000 characters (the limit on one string), joined with two blank
   * lines (see scriptText): it must read everything specific to the data from config.json.
   */
  script: z.array(text(10_000)).min(1).max(30),
  /** Extra keys of config.json, with their defaults (the script reads them; the user may edit them). */
  config: z
    .record(
      z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/, { error: 'config keys are snake_case' })
        .max(40),
      z.union([z.null(), z.string().max(200), z.number(), z.boolean()]),
    )
    .refine((c) => !Object.keys(c).some((k) => (RESERVED_CONFIG_KEYS as readonly string[]).includes(k)), {
      error: `config may not set the keys the starter writes itself: ${RESERVED_CONFIG_KEYS.join(', ')}`,
    })
    .optional(),
});
export type StarterTemplate = z.infer<typeof StarterTemplate>;

/** run.py as written: the parts joined with two blank lines, one final line break. */
export function scriptText(t: Pick<StarterTemplate, 'script'>): string {
  return `${t.script.map((p) => p.trimEnd()).join('\n\n\n')}\n`;
}
