/** `dl-advisor starter` (CLI and MCP tool): from an advice result to the files of a first experiment. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../knowledge/output.js';
import { packageRoot } from '../knowledge/paths.js';
import type { ReadTemplate, StarterFile } from './common.js';
import { type DataFacts, type Family, planFromResult, type StarterPlan } from './plan.js';
import type { ResultRow } from './run.js';
import { templateFor } from './templates.js';
import { writeStarter } from './writer.js';

export { type DataFacts, planFromResult, recipeOf, type StarterPlan } from './plan.js';

/** Reads starters/<family>/<name> from the package. */
export const readPackageTemplate: ReadTemplate = (family, name) => readFileSync(`${packageRoot()}starters/${family}/${name}`, 'utf8');

export interface Generated {
  files: StarterFile[];
  /** The family whose template was used: the plan's own, or `generic` when it has none yet. */
  used: Family;
}

export function generateStarter(plan: StarterPlan, read: ReadTemplate = readPackageTemplate): Generated {
  const { template, used } = templateFor(plan.family, plan.answers.task);
  return { files: template(plan, read), used };
}

/** The `starter` object of the JSON document. */
export interface StarterDoc {
  dir: string;
  family: string;
  template: string;
  recipe: string;
  fallback: boolean;
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
  options: { force?: boolean; python?: string } = {},
): { doc: StarterDoc; plan: StarterPlan } {
  const plan = planFromResult(result, facts);
  const generated = generateStarter(plan);
  const written = writeStarter(dir, generated.files, { force: options.force });
  const doc: StarterDoc = {
    dir: written.dir,
    family: plan.family,
    template: generated.used,
    recipe: plan.recipe.id,
    fallback: plan.fromFallback,
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
