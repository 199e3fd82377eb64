/** The recommendation for people: pure (result, options) -> string, readable without colour. */
import type { Caution, Item, RankedModel, Reason, Result } from '../knowledge/output.js';
import type { Question } from '../knowledge/schema.js';
import { dataText } from './data.js';
import { precedentsText } from './precedents.js';
import { alternativeRecipeText, recipeTextLines } from './recipe.js';
import { plain, type Style } from './style.js';
import { problemSummary } from './summary.js';
import { bar, NBSP, percent, wrap } from './wrap.js';

export interface TextOptions {
  style?: Style;
  /** The questions answered: they pick the headline, and answers at their default are left out. */
  questions?: readonly Question[];
  width?: number;
  /** Runners-up shown in full; the rest are listed on one line. */
  maxAlternatives?: number;
  /** The explanation that follows, if any: the footer then does not suggest --explain. */
  explain?: 'short' | 'all';
}

export function renderText(result: Result, options: TextOptions = {}): string {
  const s = options.style ?? plain;
  const width = Math.max(40, Math.min(options.width ?? 80, 100));
  const rec = result.recommendation;
  const sources = new SourceList();
  const out: string[] = [];
  const { headline, details } = problemSummary(result.answers, options.questions);
  out.push(s.bold(`Recommendation for ${headline}`));
  if (details.length > 0) out.push(wrap(details.join(' · '), width, '  ', '  '));
  out.push('');
  out.push(`${s.green('▶')} ${s.bold(`Start with: ${rec.primary.name}`)}`);
  // The bar gives way (down to 8 columns) so that the line fits narrow terminals.
  const tail = `${percent(rec.primary.score)} of the evidence · ${rec.primary.id}`;
  const barWidth = Math.max(8, Math.min(24, width - 3 - tail.length));
  out.push(`  ${s.green(bar(rec.primary.score, barWidth))} ${percent(rec.primary.score)} of the evidence ${s.dim(`· ${rec.primary.id}`)}`);
  out.push(...reasons(rec.primary.reasons, '+', width, s, sources));
  if (rec.primary.against.length > 0) out.push(...reasons(rec.primary.against, '−', width, s, sources));
  out.push(...recipeTextLines(rec.primary.recipe, width, s, sources));
  const shown = rec.alternatives.slice(0, options.maxAlternatives ?? 4);
  if (shown.length > 0) {
    out.push('', s.bold('Runners-up'));
    for (const alt of shown) out.push(...alternative(alt, width, s, sources));
    const rest = rec.alternatives.slice(shown.length);
    if (rest.length > 0) out.push(wrap(`also considered: ${rest.map((a) => `${a.id} ${percent(a.score)}`).join(', ')}`, width, '    ', '  '));
  }
  section(out, 'Training strategies', rec.strategies, width, s, sources);
  section(out, 'Interpretability', rec.interpretability, width, s, sources);
  if (result.data) out.push(...dataText(result.data, width, s));
  if (rec.cautions.length > 0) {
    out.push('', s.bold('Cautions'));
    for (const c of rec.cautions) out.push(caution(c, width, s, sources));
  }
  if (rec.nextSteps.length > 0) {
    out.push('', s.bold('Next steps'));
    rec.nextStepsDetail.forEach((n, i) =>
      out.push(wrap(`${n.text} ${s.dim(`[${sources.ref(n.source)}]`)}`, width, '      ', `  ${String(i + 1).padStart(2)}. `)),
    );
  }
  out.push(...precedentsText(result, width, s));
  out.push('', s.bold('Sources'));
  // Continuation lines start under the source's first letter: 6 columns for [1]-[9], 7 for [10]...
  for (const [i, src] of sources.list()) out.push(wrap(src, width, ' '.repeat(`  [${i}] `.length), `  [${i}] `));
  const why = options.explain === undefined ? ' · why not another model: --explain' : options.explain === 'short' ? ' · every rule: --explain=all' : '';
  out.push(
    '',
    s.dim(
      wrap(
        `Rules: ${result.rules.fired.length} of ${result.rules.count} applied. Details: dl-advisor methods ${rec.primary.id}${why} · for scripts: --format json`,
        width,
      ),
    ),
  );
  return `${out.join('\n')}\n`;
}

/** Numbers each distinct source once, so that reasons cite [n] instead of repeating it. */
export class SourceList {
  private readonly ids = new Map<string, number>();
  ref(source: string): number {
    let n = this.ids.get(source);
    if (n === undefined) {
      n = this.ids.size + 1;
      this.ids.set(source, n);
    }
    return n;
  }
  list(): [number, string][] {
    return [...this.ids.entries()].map(([src, n]) => [n, src]);
  }
}

function reasons(list: Reason[], mark: string, width: number, s: Style, sources: SourceList): string[] {
  return list.map((r) =>
    wrap(`${r.text} ${s.dim(`[${r.rule};${NBSP}${sources.ref(r.source)}]`)}`, width, '      ', `    ${mark === '+' ? s.green(mark) : s.red(mark)} `),
  );
}

function alternative(alt: RankedModel, width: number, s: Style, sources: SourceList): string[] {
  const head = wrap(
    `${s.cyan(bar(alt.score, 16))} ${percent(alt.score).padStart(4)}  ${s.bold(alt.name)} ${s.dim(`· ${alt.id}`)}`,
    width,
    ' '.repeat(25),
    '  ',
  );
  return [
    head,
    ...alternativeRecipeText(alt, width, s),
    ...reasons(alt.reasons.slice(0, 2), '+', width, s, sources),
    ...reasons(alt.against.slice(0, 2), '−', width, s, sources),
  ];
}

/**
 * Items whose first reason is the same rule are shown together under that reason; further reasons
 * are counted, not repeated (they are all in the JSON and --explain).
 */
function section(out: string[], title: string, items: Item[], width: number, s: Style, sources: SourceList): void {
  if (items.length === 0) return;
  out.push('', s.bold(title));
  const groups: Item[][] = [];
  for (const item of items) {
    const group = groups.find((g) => g[0]?.reasons[0]?.rule === item.reasons[0]?.rule);
    if (group) group.push(item);
    else groups.push([item]);
  }
  for (const group of groups) {
    const names = group.map((item) => `${s.bold(item.name)} ${s.dim(`(${item.id})`)}`).join(', ');
    out.push(wrap(names, width, '      ', '  • '));
    const r = group[0]?.reasons[0];
    if (!r) continue;
    const more = Math.max(...group.map((item) => item.reasons.length)) - 1;
    const extra = more > 0 ? ` ${s.dim(`(+${more} more reason${more > 1 ? 's' : ''})`)}` : '';
    out.push(wrap(`${r.text} ${s.dim(`[${r.rule};${NBSP}${sources.ref(r.source)}]`)}${extra}`, width, '    ', '    '));
  }
}

function caution(c: Caution, width: number, s: Style, sources: SourceList): string {
  return wrap(`${c.text} ${s.dim(`[${c.rule};${NBSP}${sources.ref(c.source)}]`)}`, width, '    ', `  ${s.yellow('!')} `);
}
