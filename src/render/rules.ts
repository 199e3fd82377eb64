/** `rules list`: the loaded rules, one a line, or as JSON. Pure. */
import type { Knowledge } from '../knowledge/assemble.js';
import type { Style } from './style.js';

export function ruleListJson(k: Knowledge) {
  const rules = k.rules.map((r) => ({ id: r.id, pack: r.pack, basis: r.source.basis, source: r.source, summary: r.summary }));
  return { schemaVersion: 1, count: rules.length, rules };
}

export function renderRuleList(k: Knowledge, s: Style): string {
  const w = Math.max(...k.rules.map((r) => r.id.length), 10);
  const lines = k.rules.map((r) => `${r.id.padEnd(w)}  ${s.dim(`${r.pack} · ${r.source.basis.padEnd(9)}`)}  ${r.summary}\n`);
  return `${lines.join('')}${s.dim(`${k.rules.length} rules in ${k.packs.length} packs\n`)}`;
}
