/** Building an InspectReport, and the number formatting its sentences share. */
import { formatNumber as fmt } from '../text/number.js';
import type { Confidence, DataWarning, Inferred, InspectReport, NotInferred } from './types.js';

/**
 * The key of an answer: the id of a question. Which questions there are, and their order, is
 * the knowledge's (rules/questions.yaml): build() takes them, and a key that is not one of them
 * is a bug (a renamed question), never an answer dropped on the way to the advice.
 */
export type AnswerKey = string;

const ALWAYS_ASKED: Partial<Record<AnswerKey, string>> = {
  goal: 'whether you want predictions, understanding or both is a question about your aims, not your data',
  pretrained: 'whether a model pretrained on similar data exists cannot be seen in the data',
  shift: 'whether the model will meet data from another site, instrument or simulation cannot be seen in the data',
  dependence:
    'no ID-like column whose values repeat (several rows per patient, site or batch) and no time column in order was found: say whether examples are grouped or ordered in time',
};

const REQUIRED_WHY: Partial<Record<AnswerKey, string>> = {
  modality: 'the kind of data could not be recognised',
  task: 'the data does not show what you want to predict',
  labeled: 'no labels could be identified in the data',
};

/** 12400 -> "12,400" (the one number formatter, under the short name inspect's sentences use). */
export { fmt };

/** "3 rows", "1 row". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${fmt(n)} ${n === 1 ? noun : plural}`;
}

/** part/whole as a percentage with one decimal: "12.3%"; "<0.1%" for tiny non-zero shares. */
export function pct(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const p = (100 * part) / whole;
  if (p > 0 && p < 0.1) return '<0.1%';
  return `${fmt(p, 1)}%`;
}

/** A name from the data, quoted for a sentence: control characters removed, long names cut. */
export function q(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `'${clean.length > 60 ? `${clean.slice(0, 57)}...` : clean}'`;
}

/** Up to `max` items joined with commas, then "and N more". */
export function list(items: string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${fmt(items.length - max)} more`;
}

export function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** "12 / 240 / 1,800" (min / median / max) of a list of numbers. */
export function spread(values: number[] | Float64Array): string {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return '-';
  return `${fmt(sorted[0] ?? 0, 1)} / ${fmt(median(sorted), 1)} / ${fmt(sorted[sorted.length - 1] ?? 0, 1)}`;
}

export class ReportBuilder {
  private readonly inferred = new Map<string, Inferred>();
  private readonly notInferred = new Map<string, string>();
  private readonly warnings: DataWarning[] = [];
  readonly summary: Record<string, string | number> = {};

  constructor(
    readonly path: string,
    public format: string,
  ) {}

  infer(key: AnswerKey, value: string | number, evidence: string, confidence: Confidence = 'certain'): void {
    this.inferred.set(key, { key, value, evidence, confidence });
    this.notInferred.delete(key);
  }

  /** Records why an answer could not be inferred (the first reason given wins). */
  skip(key: AnswerKey, why: string): void {
    if (!this.inferred.has(key) && !this.notInferred.has(key)) this.notInferred.set(key, why);
  }

  has(key: AnswerKey): boolean {
    return this.inferred.has(key);
  }

  value(key: AnswerKey): string | number | undefined {
    return this.inferred.get(key)?.value;
  }

  warn(code: string, message: string): void {
    this.warnings.push({ code, message });
  }

  set(key: string, value: string | number): void {
    this.summary[key] = value;
  }

  /** The report, its answers in the order of `questionIds` (the questions' order). */
  build(questionIds: readonly string[]): InspectReport {
    for (const [key, why] of Object.entries(REQUIRED_WHY) as Array<[AnswerKey, string]>) this.skip(key, why);
    for (const [key, why] of Object.entries(ALWAYS_ASKED) as Array<[AnswerKey, string]>) this.skip(key, why);
    const labeled = this.value('labeled');
    if (typeof labeled === 'number' && labeled > 0) {
      this.skip('labelQuality', 'whether the labels are reliable (clean) or heuristic (noisy) cannot be seen in the data');
    }
    const unknown = [...this.inferred.keys(), ...this.notInferred.keys()].filter((k) => !questionIds.includes(k));
    if (unknown.length > 0) throw new Error(`inspect names answers that are not questions: ${unknown.join(', ')} (was a question renamed?)`);
    const order = (k: string) => questionIds.indexOf(k);
    const notInferred: NotInferred[] = [...this.notInferred].map(([key, why]) => ({ key, why }));
    return {
      path: this.path,
      format: this.format,
      inferred: [...this.inferred.values()].sort((a, b) => order(a.key) - order(b.key)),
      notInferred: notInferred.sort((a, b) => order(a.key) - order(b.key)),
      warnings: this.warnings,
      summary: this.summary,
    };
  }
}
