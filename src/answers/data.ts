/**
 * A dataset as a source of answers (`advise --data`, the MCP `advise` tool): the answers inspect
 * infers, and the "Your data" section of the advice (JSON `data`), with the findings that change
 * what the scientist should do turned into cautions.
 */
import type { Answers } from '../engine/conditions.js';
import type { InspectReport } from '../inspect/types.js';
import type { Caution, DataSection, RankedModel, RecipeOut, Result } from '../knowledge/output.js';
import type { Question } from '../knowledge/schema.js';

export interface FromData {
  /** Inferred answers whose key is a loaded question (others are dropped). */
  answers: Record<string, string | number>;
  /** What the data showed that the user should know (one line each). */
  warnings: string[];
  /** The "Your data" section, before the answers from other sources are known (see dataSection). */
  report: InspectReport;
  /** For each inferred answer, what in the data showed it (to explain a disagreement). */
  evidence: Record<string, string>;
  /** The report's facts (rows, target, idColumns, groupColumns, ...), as `inspect` prints them. */
  summary: Record<string, string | number>;
}

/** `sheet`: an Excel workbook's sheet to read (as `inspect --sheet`; default the first non-empty one). */
export async function answersFromData(path: string, target: string | undefined, questions: readonly Question[], sheet?: string): Promise<FromData> {
  const { inspectPath, inferredAnswers } = await import('../inspect/index.js');
  const report = await inspectPath(path, { target, sheet, questions: questions.map((q) => q.id) });
  const known = new Set(questions.map((q) => q.id));
  const answers = Object.fromEntries(Object.entries(inferredAnswers(report)).filter(([k]) => known.has(k)));
  const evidence = Object.fromEntries(report.inferred.filter((i) => known.has(i.key)).map((i) => [i.key, i.evidence]));
  return { answers, warnings: report.warnings.map((w) => w.message), evidence, report, summary: report.summary };
}

/**
 * The data section of the advice: every inferred answer with its evidence, and whether the
 * advice used it (`used: false` when a flag or a file gave another value), and the warnings.
 */
export function dataSection(report: InspectReport, answers: Answers): DataSection {
  return {
    path: report.path,
    format: report.format,
    inferred: report.inferred.map((i) => ({ ...i, used: answers[i.key] === i.value })),
    warnings: report.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

/**
 * What to do about a finding, for the findings that change the experiment. In the advisor's
 * own words: these are checks of the data, not claims from the literature (basis: heuristic).
 */
const ACTIONS: Record<string, string> = {
  'leakage-suspect':
    'Possible target leakage: a column predicts the target almost perfectly. Drop it if its value is known only after the outcome, or the validation score will be far better than the model deserves.',
  'duplicate-rows':
    'Repeated rows: keep every copy of a row (and every row of one subject) on the same side of the split, or remove exact copies, so that the test score is not inflated by examples the model has already seen.',
  'id-column':
    'Rows come in groups (an ID-like column whose values repeat: several rows per patient, site or batch): split by that column (grouped cross-validation), never by row, or the score measures memory of the group rather than generalisation.',
  'class-imbalance':
    'Imbalanced classes: report balanced accuracy and the area under the precision-recall curve rather than accuracy, stratify the folds, and weight the classes (for example class_weight="balanced") before resampling.',
  'rare-classes': 'Classes with fewer than five examples cannot be estimated or evaluated reliably: merge them, collect more, or leave them out and say so.',
  'missing-values':
    'Missing values: gradient-boosted trees (scikit-learn HistGradientBoosting, LightGBM, XGBoost) handle them natively; for linear models and networks impute inside each training fold (a scikit-learn Pipeline with SimpleImputer) and add missing-value indicators.',
  'time-order':
    'The rows look ordered in time: evaluate on later rows than the model was trained on (a temporal split), not on a random split, which lets the model see the future.',
};

/**
 * The data's findings as cautions (rule `data:CODE`, source: the inspection of the path).
 * `grouped`: whether inspect found ID-like columns whose values repeat (its `groupColumns`): an
 * ID column with a different value in every row is only left out of the features, one whose
 * values repeat decides the split.
 */
export function dataCautions(section: DataSection, grouped: boolean): Caution[] {
  const seen = new Set<string>();
  return section.warnings.flatMap((w) => {
    const action = ACTIONS[w.code];
    if (!action || seen.has(w.code) || (w.code === 'id-column' && !grouped)) return [];
    seen.add(w.code);
    return [{ rule: `data:${w.code}`, text: action, source: `dl-advisor inspect of ${section.path} (see "Your data")`, basis: 'heuristic' as const }];
  });
}

/** The advice with its data section and the data's cautions (after the rules' own), its recipes fitted to the data. */
export function withData(result: Result, report: InspectReport): Result {
  const data = dataSection(report, result.answers);
  const rec = result.recommendation;
  const cautions = [...rec.cautions, ...dataCautions(data, Boolean(report.summary.groupColumns))];
  const imbalanced = result.answers.task === 'classification' && report.warnings.some((w) => w.code === 'class-imbalance');
  const fitted = (m: RankedModel): RankedModel => (m.recipe ? { ...m, recipe: recipeForData(m.recipe, report.summary, imbalanced) } : m);
  const recommendation = { ...rec, primary: fitted(rec.primary), alternatives: rec.alternatives.map(fitted), cautions };
  return { ...result, recommendation, data };
}

/**
 * A recipe fitted to what the data showed (issue 17): a grouped split names the column to group
 * by (the first ID-like column whose values repeat), a temporal one the column to order by, and
 * imbalanced classes put balanced accuracy and PR-AUC first and add class weights.
 */
export function recipeForData(recipe: RecipeOut, summary: InspectReport['summary'], imbalanced: boolean): RecipeOut {
  const e = { ...recipe.evaluation };
  const group = typeof summary.groupColumns === 'string' ? summary.groupColumns.split(', ')[0] : undefined;
  const time = typeof summary.timeColumn === 'string' ? summary.timeColumn : undefined;
  if (e.split === 'grouped' && group) {
    e.column = group;
    e.why = `Group the folds by '${group}' (GroupKFold or StratifiedGroupKFold), the ID column whose values repeat in the data. ${e.why}`;
  } else if (e.split === 'temporal' && time) {
    e.column = time;
    e.why = `Order by '${time}' and test on the latest rows (TimeSeriesSplit). ${e.why}`;
  }
  if (!imbalanced) return { ...recipe, evaluation: e };
  e.metric = `balanced accuracy and PR-AUC (the classes are imbalanced); ${e.metric}`;
  const settings = [...recipe.settings, "class weights for the imbalanced classes (class_weight='balanced', or the library's equivalent)"];
  return { ...recipe, evaluation: e, settings };
}
