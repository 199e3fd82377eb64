/**
 * The built-in rules split by modality (start-up, issue 13). A rule whose condition tests the
 * modality at its top level (`when: { modality: image, ... }`: a mapping, so every key must hold)
 * can never fire for another modality. The build writes, next to the whole list, one list per
 * modality without such rules: `advise` on image data parses and evaluates ~100 of the 226 rules
 * (measured: ~1 ms and ~100 KB of young objects less a run). The build writes
 *
 *   rules.common.json      the rules that may fire for every modality
 *   rules.<modality>.json  the other rules that may fire for that modality
 *
 * each with the positions of its rules in the whole list, so that a modality's rules are two
 * files merged in order, and the whole list all of them (a rule for two modalities is in both
 * files: one copy is kept). The split is a shortcut of the precompiled knowledge only
 * (`Knowledge.candidateRules`): evaluate() gives the same result with or without it
 * (tests/engine/rule-subsets.test.ts).
 */
import { conditionHolds } from '../engine/conditions.js';
import type { Knowledge, RuleEntry } from './assemble.js';
import { kindOf } from './condition-walk.js';
import type { Slim } from './records.js';

/** Whether `rule` may fire for some answers of `modality`: false only when its top-level modality test fails. */
export function mayFireFor(rule: Pick<RuleEntry, 'when'>, modality: string): boolean {
  const when = rule.when;
  if (!when || kindOf(when) !== 'mapping' || !Object.hasOwn(when, 'modality')) return true;
  const test = (when as Record<string, unknown>).modality;
  return conditionHolds({ modality: test } as RuleEntry['when'] & object, { modality });
}

/** `Knowledge.candidateRules` for a modality -> its rules (undefined: no subset, use them all). */
export type SubsetReader = (modality: string) => readonly RuleEntry[] | undefined;

/**
 * Adds `candidateRules` to knowledge whose `rules` is a getter (read on first access), as a
 * property that is not enumerable (JSON and spreads of the knowledge do not see it). Reading
 * `rules` removes it: whoever holds the whole list may change it, and the subsets would then
 * no longer be of that list.
 */
export function withRuleSubsets(k: Knowledge, total: number, read: SubsetReader): Knowledge {
  Object.defineProperty(k, 'candidateRules', {
    value: (answers: Record<string, unknown>) => {
      const m = answers.modality;
      const rules = typeof m === 'string' ? read(m) : undefined;
      return rules ? { rules, total } : undefined;
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return k;
}

/** A rules file of the build: slim entries (records.ts) and their positions in the whole list. */
export interface RuleFile extends Slim<RuleEntry> {
  at: number[];
}

export const COMMON = 'common';
export const ruleFile = (part: string) => `rules.${part}.json`;

/** For the build: the slim rules (in the order of `rules`) -> the files above, by name. */
export function splitRules(rules: readonly RuleEntry[], slim: Slim<RuleEntry>, modalities: readonly string[]): Record<string, RuleFile> {
  const fires = rules.map((r) => modalities.filter((m) => mayFireFor(r, m)));
  const everywhere = (i: number) => fires[i]?.length === modalities.length;
  const file = (keep: (i: number) => boolean): RuleFile => {
    const at = rules.flatMap((_, i) => (keep(i) ? [i] : []));
    return { entries: at.map((i) => slim.entries[i] as RuleEntry), records: at.map((i) => slim.records[i] ?? -1), at };
  };
  const files: Record<string, RuleFile> = { [ruleFile(COMMON)]: file(everywhere) };
  for (const m of modalities) files[ruleFile(m)] = file((i) => !everywhere(i) && (fires[i]?.includes(m) ?? false));
  return files;
}

/** At run time: the rules of one modality, or all of them, from the files above. */
export class RuleFiles {
  private all: RuleEntry[] | undefined;
  private readonly parts = new Map<string, { rules: RuleEntry[]; at: number[] }>();

  /** `read` parses a file; `lazy` puts its entries behind the record store. */
  constructor(
    private readonly modalities: readonly string[],
    private readonly read: (file: string) => RuleFile,
    private readonly lazy: (slim: Slim<RuleEntry>) => RuleEntry[],
  ) {}

  /** The rules that may fire for `modality`, in rule order (undefined: no file for it). */
  of(modality: string): RuleEntry[] | undefined {
    if (!this.modalities.includes(modality)) return undefined;
    return merge([this.part(COMMON), this.part(modality)]);
  }

  /** Every rule, in rule order. */
  whole(): RuleEntry[] {
    this.all ??= merge([COMMON, ...this.modalities].map((p) => this.part(p)));
    return this.all;
  }

  private part(name: string): { rules: RuleEntry[]; at: number[] } {
    let p = this.parts.get(name);
    if (!p) {
      const file = this.read(ruleFile(name));
      p = { rules: this.lazy(file), at: file.at };
      this.parts.set(name, p);
    }
    return p;
  }
}

/** Rules from several files -> one list by position, the first copy of each. */
function merge(parts: readonly { rules: RuleEntry[]; at: number[] }[]): RuleEntry[] {
  const byPosition = new Map<number, RuleEntry>();
  for (const { rules, at } of parts) rules.forEach((r, i) => byPosition.has(at[i] ?? -1) || byPosition.set(at[i] ?? -1, r));
  return [...byPosition.keys()].sort((a, b) => a - b).map((i) => byPosition.get(i) as RuleEntry);
}
