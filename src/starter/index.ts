/** `dl-advisor starter`: from an advice result to the files of a first experiment. */
import { readFileSync } from 'node:fs';
import { packageRoot } from '../knowledge/paths.js';
import type { ReadTemplate, StarterFile } from './common.js';
import type { Family, StarterPlan } from './plan.js';
import { templateFor } from './templates.js';

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
