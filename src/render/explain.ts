/** `--explain` in text: why not the runners-up, and every rule with the checks that decided it. */

import { formatAnswer } from '../engine/template.js';
import type { Explanation } from '../knowledge/output.js';
import { OPS } from './questions.js';
import type { Style } from './style.js';
import { wrap } from './wrap.js';

export function renderExplain(ex: Explanation, primaryId: string, s: Style, width = 80): string {
  const out: string[] = [s.bold('Why not the runners-up?')];
  if (ex.whyNot.length === 0) out.push('  No other model had any evidence for it.');
  for (const w of ex.whyNot) {
    out.push(`  ${s.bold(w.id)}: ${w.gap.toFixed(1)} less evidence than ${primaryId}`);
    for (const r of w.against) out.push(wrap(`against: ${r.text} [${r.rule}]`, width, '      ', '    − '));
    for (const r of w.missing.slice(0, 3)) out.push(wrap(`not for it: ${r.text} [${r.rule}]`, width, '      ', '    · '));
  }
  if (ex.excluded.length > 0) {
    out.push('', s.bold('Ruled out'));
    for (const e of ex.excluded) out.push(wrap(`${e.id}: ${e.reasons.map((r) => `${r.text} [${r.rule}]`).join(' ')}`, width, '      ', '    × '));
  }
  const fired = ex.rules.filter((r) => r.fired);
  out.push('', s.bold(`Rules considered: ${ex.rules.length}, fired: ${fired.length}`));
  for (const r of ex.rules) {
    const mark = r.fired ? (r.note ? s.yellow('~') : s.green('✓')) : s.dim('✗');
    const failed = r.checks.filter((c) => !c.pass);
    const detail = r.fired
      ? (r.note ?? (r.checks.length === 0 ? 'always applies' : r.checks.map(describeCheck).join(', ')))
      : `not: ${failed.map(describeCheck).join(', ')}`;
    out.push(wrap(`${r.id} ${s.dim(`(${r.pack})`)}: ${detail}`, width, '      ', `  ${mark} `));
  }
  return `${out.join('\n')}\n`;
}

function describeCheck(c: Explanation['rules'][number]['checks'][number]): string {
  const expected = Array.isArray(c.expected) ? `[${c.expected.join(', ')}]` : String(c.expected);
  return `${c.question} ${OPS[c.op] ?? c.op} ${expected} (is ${formatAnswer(c.actual)})`;
}
