/** `dl-advisor rules list`: every rule with its pack, basis and summary. Pure. */
import type { Knowledge } from '../knowledge/assemble.js';
import type { Style } from './style.js';
import { visibleWidth } from './width.js';
import { wrap } from './wrap.js';

export interface RuleList {
  rules: Knowledge['rules'];
  /** How many packs they came from. */
  packs: number;
}

/**
 * One line per rule (id, pack · basis, summary) when every line fits in `width` (piped output is
 * drawn with no width, for grep); otherwise each id, and below it the summary, pack and basis.
 */
export function renderRuleList(list: RuleList, s: Style, width = Number.POSITIVE_INFINITY): string {
  const w = Math.max(...list.rules.map((r) => r.id.length), 10);
  const line = (r: RuleList['rules'][number]) => `${r.id.padEnd(w)}  ${s.dim(`${r.pack} · ${r.source.basis.padEnd(9)}`)}  ${r.summary}`;
  const fits = list.rules.every((r) => visibleWidth(line(r)) <= width);
  const lines = list.rules.map((r) =>
    fits ? `${line(r)}\n` : `${r.id}\n${wrap(`${r.summary} ${s.dim(`(${r.pack} · ${r.source.basis})`)}`, width, '    ', '    ')}\n`,
  );
  return `${lines.join('')}${s.dim(`${list.rules.length} rules in ${list.packs} packs\n`)}`;
}

export function ruleListJson(list: RuleList) {
  const rules = list.rules.map((r) => ({ id: r.id, pack: r.pack, basis: r.source.basis, source: r.source, summary: r.summary }));
  return { schemaVersion: 1, count: rules.length, rules };
}
