/**
 * `rules test --precedents` output: the precedents that do not agree with the advice, and the
 * agreement per modality (text and JSON). Pure.
 */
import { agreementByModality, type ModalityAgreement, type PrecedentOutcome, TOP } from '../engine/check-precedent.js';
import type { Style } from './style.js';

const pct = (n: number, of: number) => (of === 0 ? '-' : `${Math.round((100 * n) / of)}%`);

/** The JSON of the run: every outcome, the table, and the counts. */
export function precedentsJson(outcomes: readonly PrecedentOutcome[]) {
  const modalities = agreementByModality(outcomes);
  const total = modalities.at(-1);
  return {
    agreed: total?.agree ?? 0,
    knownDisagreements: total?.knownDisagreements ?? 0,
    disagreed: total?.disagree ?? 0,
    untestable: total?.untestable ?? 0,
    modalities: modalities.map((m) => ({ ...m, agreement: m.run === 0 ? null : Math.round((1000 * m.agree) / m.run) / 1000 })),
    cases: outcomes,
  };
}

/** One line per precedent that fails the run, or whose mark can go; then the table. */
export function renderPrecedentRun(outcomes: readonly PrecedentOutcome[], style: Style): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.verdict === 'disagrees') lines.push(`${style.red('✗')} precedent ${o.id} (${o.result}): ${o.reason}`);
    if (o.verdict === 'marked-but-agrees')
      lines.push(`${style.yellow('!')} precedent ${o.id} is marked as a disagreement but now agrees: remove its "disagreement"`);
  }
  return `${lines.map((l) => `${l}\n`).join('')}${agreementTable(agreementByModality(outcomes))}`;
}

/** The agreement per modality as a text table (the README shows the same figures). */
export function agreementTable(rows: readonly ModalityAgreement[]): string {
  const head = ['modality', 'entries', 'size not stated', 'agree', 'agreement', 'known disagreements', 'failing', 'untestable'];
  const body = rows.map((r) => [
    r.modality,
    String(r.entries),
    String(r.unsized),
    String(r.agree),
    pct(r.agree, r.run),
    String(r.knownDisagreements),
    String(r.disagree),
    String(r.untestable),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => `${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}\n`;
  const note = 'agreement = agree / (entries - untestable); an entry without a stated size agrees if it does at one of 100, 1k, 10k, 100k, 1M labelled';
  return `precedents as rule cases (a method the publication used in the top ${TOP}):\n${line(head)}${body.map(line).join('')}${note}\n`;
}
