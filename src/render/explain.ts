/**
 * `--explain` in text. Short (the default): what decided the primary, and per runner-up the
 * evidence it is behind (with its unit) and the reasons it lacked. `--explain=all` adds every
 * rule considered with the checks that decided it. Rules are counted one way everywhere: a rule
 * "applied" when it fired and applies to the recommended model (`rules.fired` in the JSON).
 */

import { formatAnswer } from '../engine/template.js';
import type { Explanation, Reason, Result } from '../knowledge/output.js';
import { OPS } from './questions.js';
import type { Style } from './style.js';
import { visibleWidth } from './width.js';
import { wrap } from './wrap.js';

export type ExplainLevel = 'short' | 'all';

/** How many reasons a short explanation names per model. */
const SHORT = 3;

export function renderExplain(result: Result, level: ExplainLevel, s: Style, width = 80): string {
  const ex = result.explain;
  if (!ex) return '';
  const primary = result.recommendation.primary;
  const out: string[] = [`${s.bold(`Why ${primary.name}`)} ${s.dim(`· ${primary.id}`)}`];
  out.push(wrap(s.dim('Evidence is summed rule weight in log-likelihood units (natural log): 1 more = e ≈ 2.7 times as likely.'), width, '  ', '  '));
  const decided = ex.decidedBy.slice(0, level === 'all' ? undefined : SHORT);
  for (const r of decided) out.push(reasonLine(r, width, s, level === 'all'));
  if (decided.length < ex.decidedBy.length) out.push(s.dim(`    … ${ex.decidedBy.length - decided.length} more (--explain=all)`));
  for (const r of primary.against) out.push(reasonLine(r, width, s, level === 'all'));

  out.push('', s.bold('What each runner-up lacked'));
  if (ex.whyNot.length === 0) out.push('  No other model had any evidence for it.');
  for (const w of ex.whyNot) out.push(...runnerUp(w, primary.id, level, width, s));
  if (ex.excluded.length > 0) out.push('', ...excluded(ex, level, width, s));
  out.push('', ...ruleCount(result, level, width, s));
  if (level === 'all') out.push(...trace(ex, width, s));
  return `${out.join('\n')}\n`;
}

function weight(r: Reason): string {
  const w = r.weight ?? 0;
  return `${w < 0 ? '−' : '+'}${Math.abs(w).toFixed(1)}`;
}

/** `+1.8  rule-id: the reason's text…` on one line (the full text is in the advice above). */
function reasonLine(r: Reason, width: number, s: Style, full = false): string {
  const w = weight(r);
  const mark = (r.weight ?? 0) < 0 ? s.red(w) : s.green(w);
  const lead = `  ${' '.repeat(Math.max(0, 4 - w.length))}${mark}  `;
  if (full) return wrap(`${r.text} ${s.dim(`[${r.rule}]`)}`, width, '        ', lead);
  return `${lead}${s.bold(r.rule)}: ${clip(r.text, width - 10 - visibleWidth(r.rule))}`;
}

/** The text cut at a word to at most `room` columns, with an ellipsis when cut. */
export function clip(text: string, room: number): string {
  if (visibleWidth(text) <= room) return text;
  if (room < 12) return '…';
  let cut = '';
  for (const ch of text) {
    if (visibleWidth(cut + ch) > room - 1) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function runnerUp(w: Explanation['whyNot'][number], primaryId: string, level: ExplainLevel, width: number, s: Style): string[] {
  const odds = w.odds >= 10 ? Math.round(w.odds).toLocaleString('en-US') : w.odds.toFixed(1);
  const out = [
    wrap(
      `${s.bold(w.id)} (${Math.round(w.score * 100)}%): ${w.gap.toFixed(1)} less evidence than ${primaryId}, so ${primaryId} is about ${odds} times as likely`,
      width,
      '      ',
      '  ',
    ),
  ];
  const missing = [...w.missing].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  if (level === 'all') {
    for (const r of w.against) out.push(wrap(`against it: ${r.text} [${r.rule}, ${weight(r)}]`, width, '      ', '    − '));
    for (const r of missing) out.push(wrap(`lacked: ${r.text} [${r.rule}, ${weight(r)}]`, width, '      ', '    · '));
    return out;
  }
  const list = (rs: Reason[]) =>
    rs
      .slice(0, SHORT)
      .map((r) => `${r.rule} ${weight(r)}`)
      .join(', ') + (rs.length > SHORT ? `, … ${rs.length - SHORT} more` : '');
  if (missing.length > 0) out.push(wrap(`lacked: ${list(missing)}`, width, '      ', '    · '));
  if (w.against.length > 0) out.push(wrap(`against it: ${list(w.against)}`, width, '      ', '    − '));
  return out;
}

function excluded(ex: Explanation, level: ExplainLevel, width: number, s: Style): string[] {
  if (level === 'short')
    return [wrap(`${s.bold('Ruled out:')} ${ex.excluded.map((e) => `${e.id} [${e.reasons.map((r) => r.rule).join(', ')}]`).join(', ')}`, width, '    ', '')];
  return [
    s.bold('Ruled out'),
    ...ex.excluded.map((e) => wrap(`${e.id}: ${e.reasons.map((r) => `${r.text} [${r.rule}]`).join(' ')}`, width, '      ', '    × ')),
  ];
}

/** One counting: applied = rules.fired; the rest either held for another model or did not hold. */
function ruleCount(result: Result, level: ExplainLevel, width: number, s: Style): string[] {
  const rules = result.explain?.rules ?? [];
  const applied = result.rules.fired.length;
  const other = rules.filter((r) => r.fired && !r.applied).length;
  const head = `Rules: ${applied} of ${result.rules.count} applied`;
  if (level === 'short') return [s.dim(`${head}. Every rule and its checks: --explain=all`)];
  const parts = [`${s.green('✓')} ${applied} applied`];
  if (other > 0) parts.push(`${s.yellow('~')} ${other} held but are for another primary model`);
  parts.push(`${s.dim('✗')} ${result.rules.count - applied - other} did not hold`);
  return [wrap(`${s.bold(`Rules: ${result.rules.count} considered:`)} ${parts.join(', ')}`, width, '  ', '')];
}

function trace(ex: Explanation, width: number, s: Style): string[] {
  return ex.rules.map((r) => {
    const mark = r.applied ? s.green('✓') : r.fired ? s.yellow('~') : s.dim('✗');
    const failed = r.checks.filter((c) => !c.pass);
    const detail = r.fired
      ? (r.note ?? (r.checks.length === 0 ? 'always applies' : r.checks.map(describeCheck).join(', ')))
      : `not: ${failed.map(describeCheck).join(', ')}`;
    return wrap(`${r.id} ${s.dim(`(${r.pack})`)}: ${detail}`, width, '      ', `  ${mark} `);
  });
}

function describeCheck(c: Explanation['rules'][number]['checks'][number]): string {
  const expected = Array.isArray(c.expected) ? `[${c.expected.join(', ')}]` : String(c.expected);
  return `${c.question} ${OPS[c.op] ?? c.op} ${expected} (is ${formatAnswer(c.actual)})`;
}
