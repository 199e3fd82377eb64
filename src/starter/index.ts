/** `dl-advisor starter` (CLI and MCP tool): from an advice result to the files of a first experiment. */
import { resolve } from 'node:path';
import type { StarterEntry } from '../knowledge/assemble.js';
import type { Result } from '../knowledge/output.js';
import type { StarterFile } from './common.js';
import { type DataFacts, type Family, planFromResult, type StarterPlan } from './plan.js';
import type { ResultRow } from './run.js';
import { chooseTemplate, templateFiles } from './templates.js';
import { writeStarter } from './writer.js';

export { type DataFacts, planFromResult, recipeOf, type StarterPlan } from './plan.js';

export interface Generated {
  files: StarterFile[];
  /** The family whose code was used: the plan's own, or `generic` when it has no template. */
  used: Family;
  template: StarterEntry;
}

/** The files for a plan, from the loaded templates (knowledge.starters: user packs first). */
export function generateStarter(plan: StarterPlan, templates: readonly StarterEntry[]): Generated {
  const chosen = chooseTemplate(plan, templates);
  return { files: templateFiles(plan, chosen), used: chosen.used, template: chosen.template };
}

/** Where the template came from (JSON `starter.source`): a user's pack is not dl-advisor's code. */
export interface TemplateSource {
  id: string;
  pack: string;
  file: string;
  builtin: boolean;
}

/** The `starter` object of the JSON document. */
export interface StarterDoc {
  dir: string;
  family: string;
  template: string;
  recipe: string;
  fallback: boolean;
  /** The template's id and origin (issue 17): `builtin: false` for one from a user's rule pack. */
  source: TemplateSource;
  files: string[];
  command: string[];
  results?: ResultRow[];
  log?: string;
}

/** Plans, generates and writes the starter into `dir` (see writer.ts for what it refuses). */
export function buildStarter(
  result: Result,
  facts: DataFacts,
  dir: string,
  templates: readonly StarterEntry[],
  options: { force?: boolean; python?: string } = {},
): { doc: StarterDoc; plan: StarterPlan } {
  const plan = planFromResult(result, facts);
  const generated = generateStarter(plan, templates);
  const t = generated.template;
  const written = writeStarter(dir, generated.files, { force: options.force });
  const doc: StarterDoc = {
    dir: written.dir,
    family: plan.family,
    template: generated.used,
    recipe: plan.recipe.id,
    fallback: plan.fromFallback,
    source: { id: t.id, pack: t.pack, file: t.file, builtin: t.builtin },
    files: written.files,
    command: [options.python ?? 'python3', `${dir}/run.py`],
  };
  return { doc, plan };
}

/** The data facts: what the caller names first, then what the data's report found (the path made absolute: run.py runs in DIR). */
export function dataFacts(given: { data?: string; target?: string; group?: string }, summary: Record<string, string | number> | undefined): DataFacts {
  const list = (v: string | number | undefined) => (v === undefined ? [] : String(v).split(', ').filter(Boolean));
  return {
    path: given.data ? resolve(given.data) : undefined,
    target: given.target ?? (summary?.target === undefined ? undefined : String(summary.target)),
    group: given.group ?? list(summary?.groupColumns)[0],
    time: summary?.timeColumn === undefined ? undefined : String(summary.timeColumn),
    idColumns: list(summary?.idColumns),
  };
}
