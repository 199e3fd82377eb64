/**
 * What every starter family shares: the split the script builds, config.json (the only place
 * where the data path, column names and answers go: the scripts read it, nothing is pasted into
 * code), and the README's sections.
 */
import type { StarterPlan } from './plan.js';

export interface StarterFile {
  path: string;
  contents: string;
}

/** Reads a template file of the package (starters/<family>/<name>); tests pass the same reader. */
export type ReadTemplate = (family: string, name: string) => string;

/** Splits a script builds itself; the others are mapped onto these (see `splitFor`). */
export const SCRIPT_SPLITS = ['grouped', 'temporal', 'stratified', 'random'] as const;
export type ScriptSplit = (typeof SCRIPT_SPLITS)[number];

export interface SplitChoice {
  /** One of SCRIPT_SPLITS, or a family's own (molecules: scaffold). */
  split: string;
  /** The split the advice asked for (recipe.evaluation.split). */
  asked: string;
  /** Why the script's split differs from the one asked for, or what it needs; empty when neither. */
  note: string;
}

const NEEDS_GROUP: Record<string, string> = {
  'leave-site-out': 'the site, instrument or batch of each row',
  scaffold: 'the Bemis-Murcko scaffold of each molecule',
  'sequence-identity': 'the sequence-identity cluster of each sequence (e.g. from MMseqs2)',
  chromosome: 'the chromosome of each window',
};

export function splitFor(plan: StarterPlan): SplitChoice {
  const asked = plan.recipe.evaluation.split;
  const group = plan.data.group;
  if ((SCRIPT_SPLITS as readonly string[]).includes(asked)) {
    if (group && (asked === 'random' || asked === 'stratified'))
      return { split: 'grouped', asked, note: `the data has a column whose values repeat (${md(group)}), so rows are grouped by it` };
    const note = asked === 'grouped' && !group ? 'name the group column with --group COLUMN (or "group" in config.json)' : '';
    return { split: asked as ScriptSplit, asked, note };
  }
  const what = NEEDS_GROUP[asked];
  if (what) return { split: 'grouped', asked, note: `a ${asked} split is a grouped split: put ${what} in a column and name it as the group column` };
  return { split: plan.answers.task === 'classification' ? 'stratified' : 'random', asked, note: `run.py does not build a ${asked} split: build it by hand` };
}

/** config.json: plain data the scripts read. JSON.stringify escapes every value. */
export function configFile(plan: StarterPlan, extra: Record<string, unknown>, split: SplitChoice = splitFor(plan)): StarterFile {
  const task = plan.answers.task === 'classification' || plan.answers.task === 'regression' ? plan.answers.task : null;
  const config = {
    _about: `written by dl-advisor ${plan.toolVersion} starter; run.py reads it, edit it freely`,
    data: plan.data.path ?? null,
    target: plan.data.target ?? null,
    group: plan.data.group ?? null,
    time: plan.data.time ?? null,
    drop: plan.data.idColumns.filter((c) => c !== plan.data.group && c !== plan.data.target),
    task,
    split: split.split,
    split_asked: split.asked,
    folds: 5,
    seed: 0,
    ...extra,
    recipe: plan.recipe.id,
    metric: plan.recipe.evaluation.metric,
    metrics: metricsOf(plan.recipe.evaluation.metric, plan.answers.task),
    baseline: plan.recipe.baseline ?? null,
    answers: plan.answers,
  };
  return { path: 'config.json', contents: `${JSON.stringify(config, null, 2)}\n` };
}

/** The metrics run.py computes, by the names its scorers table uses (run.py checks them). */
const METRICS: { name: string; task: 'classification' | 'regression'; pattern: RegExp }[] = [
  { name: 'balanced accuracy', task: 'classification', pattern: /balanced accuracy/i },
  { name: 'ROC-AUC', task: 'classification', pattern: /\bROC[- ]?AUC\b|\bAUROC\b/i },
  { name: 'PR-AUC', task: 'classification', pattern: /\bPR[- ]?AUC\b|\bAUPRC\b|(?<!mean )average precision(?! at)/i },
  { name: 'accuracy', task: 'classification', pattern: /(?<!balanced |-probe )\baccuracy\b/i },
  { name: 'macro F1', task: 'classification', pattern: /\bmacro[- ]?F1\b|\bF1\b/i },
  { name: 'MCC', task: 'classification', pattern: /\bMCC\b|Matthews/i },
  { name: 'Brier score', task: 'classification', pattern: /\bBrier\b/i },
  { name: 'log loss', task: 'classification', pattern: /\blog[- ]?loss\b/i },
  { name: 'MAE', task: 'regression', pattern: /\bMAE\b|mean absolute error/i },
  { name: 'RMSE', task: 'regression', pattern: /\bRMSE\b/i },
  { name: 'R2', task: 'regression', pattern: /\bR(?:²|2|\^2)(?![\w-])/ },
  { name: 'Spearman r', task: 'regression', pattern: /\bSpearman/i },
  { name: 'Pearson r', task: 'regression', pattern: /\bPearson/i },
];

/**
 * The recipe's metric text -> the names run.py computes, in the order the text gives them (the
 * first is the one to compare models by), for the task when it is known. Empty: run.py uses the
 * task's usual ones. Names outside the table (calibration slope, CRPS, ...) are left to the user.
 */
export function metricsOf(text: string, task: unknown): string[] {
  const found = METRICS.filter((m) => task !== (m.task === 'classification' ? 'regression' : 'classification'))
    .map((m) => ({ name: m.name, at: text.search(m.pattern) }))
    .filter((m) => m.at >= 0);
  return found.sort((a, b) => a.at - b.at).map((m) => m.name);
}

/** Text for Markdown: one line, no backticks or angle brackets (names from the data are untrusted). */
export function md(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f`<>]/g, ' ').trim();
}

export interface ReadmeParts {
  /** The family's own lines: what the script does. */
  runs: string[];
  install: { pip: string; conda: string; debian: string };
  /** How to read the results table. */
  reading: string[];
  /** The split, when the family chooses its own (default: splitFor). */
  split?: SplitChoice;
  /** Where the template came from: named in the README, a user's pack as such. */
  template?: { id: string; pack: string; file: string; builtin: boolean };
}

/** "the built-in template `tables`", or the user's pack that gave it (its code is not dl-advisor's). */
export function templateOrigin(t: NonNullable<ReadmeParts['template']>): string {
  if (t.builtin) return `the built-in template \`${md(t.id)}\``;
  return `the template \`${md(t.id)}\` from a user's rule pack (\`${md(t.pack)}\`, ${md(t.file)}), not from dl-advisor's built-in knowledge: read run.py before you run it`;
}

export function readme(plan: StarterPlan, parts: ReadmeParts): StarterFile {
  const r = plan.recipe;
  const split = parts.split ?? splitFor(plan);
  const lines = [
    `# First experiment: ${md(plan.model.name)}`,
    '',
    `Written by \`dl-advisor starter\` (dl-advisor ${md(plan.toolVersion)}), recipe \`${md(r.id)}\`${plan.fromFallback ? ' (the built-in fallback: the advice carried no recipe)' : ''}${parts.template ? `, ${templateOrigin(parts.template)}` : ''}.`,
    '',
    '## What will be run, and why',
    '',
    md(r.summary),
    '',
    ...parts.runs.map((l) => `- ${l}`),
    '',
    `Input: ${md(r.representation)}. Baseline beside it: ${md(r.baseline ?? 'a dummy predictor')}.`,
    '',
    'Why this model (the advice):',
    '',
    ...plan.reasons.map((x) => `- ${md(x.text)} (${md(x.source)})`),
    '',
    `Evaluation: a **${split.split}** split${split.asked !== split.split ? ` (the advice asked for ${md(split.asked)}: ${md(split.note)})` : split.note ? ` (${md(split.note)})` : ''}. ${md(r.evaluation.why)}`,
    `Metric: ${md(r.evaluation.metric)}.${metricLine(plan)}`,
    '',
    ...dataSection(plan),
    '## Install',
    '',
    '```sh',
    parts.install.pip,
    '```',
    '',
    `With conda: \`${parts.install.conda}\`. On Debian or Ubuntu: \`${parts.install.debian}\` (then run with \`/usr/bin/python3\`).`,
    '',
    '## Run',
    '',
    '```sh',
    'python3 run.py            # the data in config.json',
    'python3 run.py DATA.csv --target COLUMN --group COLUMN',
    'python3 run.py --smoke    # a quick check on synthetic data, no downloads',
    '```',
    '',
    'Exit codes: 0 done, 1 the experiment failed, 2 bad input or a missing package.',
    '',
    '## Reading the results',
    '',
    ...parts.reading.map((l) => `- ${l}`),
    '',
    ...nextSteps(plan),
  ];
  return { path: 'README.md', contents: `${lines.join('\n')}\n` };
}

function metricLine(plan: StarterPlan): string {
  const computed = metricsOf(plan.recipe.evaluation.metric, plan.answers.task);
  if (computed.length === 0) return ' run.py reports the usual metrics of the task instead (it computes none of these).';
  return ` run.py computes ${computed.join(', ')} (compare models by the first); anything else named here is yours to add.`;
}

function dataSection(plan: StarterPlan): string[] {
  const d = plan.data;
  const known = [
    d.path ? `- data: \`${md(d.path)}\`` : '- data: none given; pass the path to run.py or set "data" in config.json',
    d.target ? `- target: \`${md(d.target)}\`` : '- target: none given; run.py uses the last column (or --target COLUMN)',
    ...(d.group ? [`- group column: \`${md(d.group)}\``] : []),
    ...(d.time ? [`- time column: \`${md(d.time)}\` (a temporal split orders the rows by it)`] : []),
    ...(d.idColumns.length > 0 ? [`- left out as IDs: ${d.idColumns.map((c) => `\`${md(c)}\``).join(', ')}`] : []),
  ];
  return ['## Your data', '', ...known, '', 'All of this is in `config.json`; the script reads it from there.', ''];
}

function nextSteps(plan: StarterPlan): string[] {
  const r = plan.recipe;
  const out = ['## What to try next', ''];
  out.push(...r.steps.map((s, i) => `${i + 1}. ${md(s)}`));
  if (r.settings.length > 0) out.push('', 'First settings worth tuning:', '', ...r.settings.map((s) => `- ${md(s)}`));
  if (plan.alternatives.length > 0)
    out.push('', 'The alternatives the advice ranked next:', '', ...plan.alternatives.map((a) => `- ${md(a.name)}${a.summary ? `: ${md(a.summary)}` : ''}`));
  if (plan.cautions.length > 0) out.push('', 'Cautions:', '', ...plan.cautions.map((c) => `- ${md(c)}`));
  if (r.license) out.push('', `Licence: ${md(r.license)}`);
  out.push('', `Libraries of the recipe: ${r.libraries.map((l) => `${md(l.name)} (\`${md(l.install)}\`)`).join(', ') || 'none'}.`);
  return out;
}
