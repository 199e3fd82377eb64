/**
 * The starter templates are data (rules/starters/*.yaml, or a user's rule pack): each names the
 * recipes it realises and carries its README lines, requirements and script. What stays code is
 * each family's part of config.json (the table's model, the molecules' split): pure functions of
 * the plan. Nothing of the plan is pasted into a script: config.json carries it.
 */

import { UserError } from '../errors.js';
import type { StarterEntry } from '../knowledge/assemble.js';
import { scriptText } from '../knowledge/schema-starter.js';
import { configFile, readme, type SplitChoice, type StarterFile, splitFor } from './common.js';
import type { Family, StarterPlan } from './plan.js';

/** The tabular script's recommended model, from a fixed list (run.py checks it too). */
export function tabularModel(plan: StarterPlan): 'hgb' | 'mlp' | 'tabpfn' | 'linear' | 'none' {
  if (plan.family === 'generic') return 'none';
  if (/tabpfn/.test(plan.recipe.id)) return 'tabpfn';
  if (plan.model.id === 'mlp') return 'mlp';
  if (plan.model.id === 'logistic-regression' || plan.model.id === 'linear-regression') return 'linear';
  return 'hgb';
}

const MODEL_WORDS = {
  hgb: 'histogram gradient boosting (HistGradientBoostingClassifier/Regressor: handles missing values itself)',
  mlp: 'a small multilayer perceptron (two layers of 64, weight decay, early stopping)',
  tabpfn: 'TabPFN when it is installed (pip install tabpfn), and histogram gradient boosting beside it',
  linear: 'the regularised linear model itself (it is the recommendation)',
  none: 'no model of the recommended family: run.py has no template for it, so add it beside the baseline (see "What to try next")',
} as const;

/** Run beside the recommended model: boosting next to a linear recommendation, the others when installed. */
const ALSO_TRY: Record<ReturnType<typeof tabularModel>, string[]> = {
  hgb: ['lightgbm', 'catboost'],
  tabpfn: ['catboost'],
  linear: ['hgb'],
  mlp: ['hgb'],
  none: [],
};

/** Molecules: grouped on a named column, temporal when asked, else by Bemis-Murcko scaffold. */
export function moleculeSplit(plan: StarterPlan): SplitChoice {
  const asked = plan.recipe.evaluation.split;
  if (plan.data.group) return { split: 'grouped', asked, note: asked === 'grouped' ? '' : `grouped on the column named (${plan.data.group})` };
  if (asked === 'temporal') return { split: 'temporal', asked, note: '' };
  const note = asked === 'scaffold' ? '' : 'for molecules run.py splits by Bemis-Murcko scaffold, so that test folds hold unseen chemistry';
  return { split: 'scaffold', asked, note };
}

/** A family's code: extra README lines, config.json keys, its own split. */
interface FamilyCode {
  runs?: (plan: StarterPlan) => string[];
  config?: (plan: StarterPlan) => Record<string, unknown>;
  split?: (plan: StarterPlan) => SplitChoice;
}

const FAMILY_CODE: Partial<Record<Family, FamilyCode>> = {
  tabular: {
    runs: (plan) => {
      const model = tabularModel(plan);
      const also = ALSO_TRY[model].map((a) => (a === 'hgb' ? 'histogram gradient boosting' : `${a} when installed (a note says so when not)`));
      return [`the recommended model: ${MODEL_WORDS[model]}`, ...(also.length > 0 ? [`also: ${also.join(', ')}`] : [])];
    },
    config: (plan) => ({ model: tabularModel(plan), also_try: ALSO_TRY[tabularModel(plan)] }),
  },
  molecules: { split: moleculeSplit },
};

export interface Chosen {
  template: StarterEntry;
  /** The family whose code was used: the template's, or `generic` (the table's script, no model of its own). */
  used: Family;
}

const fits = (t: StarterEntry, task: unknown) => !t.tasks || (t.tasks as readonly unknown[]).includes(task);

/**
 * The template for a plan (templates in loading order: user packs first): the first of the plan's
 * family that names the recipe, else the first of the family, for the task; a recipe of no
 * family (generic) takes a template that names it; else the built-in table template as `generic`.
 */
export function chooseTemplate(plan: StarterPlan, templates: readonly StarterEntry[]): Chosen {
  const task = plan.answers.task;
  const ok = templates.filter((t) => fits(t, task));
  const own =
    ok.find((t) => t.recipes.includes(plan.recipe.id) && (t.family === plan.family || plan.family === 'generic')) ?? ok.find((t) => t.family === plan.family);
  if (own) return { template: own, used: own.family as Family };
  const generic = templates.find((t) => t.builtin && t.family === 'tabular') ?? templates.find((t) => t.family === 'tabular');
  if (!generic)
    throw new UserError({
      code: 'no-starter-template',
      message: `no starter template for recipe "${plan.recipe.id}" (family ${plan.family}), and no table template to fall back on`,
      hint: 'load the built-in rules (leave out --no-builtin-rules), or give a pack with a template of family tabular',
    });
  return { template: generic, used: 'generic' };
}

/** The files of DIR for a plan and its template. */
export function templateFiles(plan: StarterPlan, chosen: Chosen): StarterFile[] {
  const t = chosen.template;
  const p: StarterPlan = chosen.used === 'generic' ? { ...plan, family: 'generic' } : plan;
  const code = FAMILY_CODE[t.family as Family] ?? {};
  const split = code.split?.(p) ?? splitFor(p);
  return [
    readme(p, { runs: [...t.runs, ...(code.runs?.(p) ?? [])], install: t.install, reading: t.reading, split, template: t }),
    { path: 'requirements.txt', contents: `${t.requirements.trimEnd()}\n` },
    { path: 'run.py', contents: scriptText(t) },
    configFile(p, { ...t.config, ...code.config?.(p) }, split),
  ];
}
