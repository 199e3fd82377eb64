/** `dl-advisor rules list`: every rule with its pack, basis and summary. Pure. */
import type { Knowledge } from '../knowledge/assemble.js';
import type { Style } from './style.js';

export interface RuleList {
  rules: Knowledge['rules'];
  /** How many packs they came from. */
  packs: number;
}

export function renderRuleList(list: RuleList, s: Style): string {
  const w = Math.max(...list.rules.map((r) => r.id.length), 10);
  const lines = list.rules.map((r) => `${r.id.padEnd(w)}  ${s.dim(`${r.pack} · ${r.source.basis.padEnd(9)}`)}  ${r.summary}\n`);
  return `${lines.join('')}${s.dim(`${list.rules.length} rules in ${list.packs} packs\n`)}`;
}

export function ruleListJson(list: RuleList) {
  const rules = list.rules.map((r) => ({ id: r.id, pack: r.pack, basis: r.source.basis, source: r.source, summary: r.summary }));
  return { schemaVersion: 1, count: rules.length, rules };
}
