/** Pure renderers of an InspectReport: text for people, JSON (one document), YAML (an answers file). */
import { wrap } from '../render/wrap.js';
import { toolVersion } from '../version.js';
import { fmt } from './report.js';
import type { InspectReport } from './types.js';

/** How to draw: text wrapped to `width` columns; JSON indented when `pretty`; the tool's version. */
export interface InspectView {
  width?: number;
  pretty?: boolean;
  version?: string;
}

/** One renderer per format of `inspect`; to add a format, add it here. */
const RENDERERS = {
  text: (r: InspectReport, v: InspectView) => renderText(r, v.width ?? Number.POSITIVE_INFINITY),
  json: (r: InspectReport, v: InspectView) =>
    `${JSON.stringify({ schemaVersion: 1, tool: { name: 'dl-advisor', version: v.version ?? toolVersion() }, ...r }, null, v.pretty === false ? undefined : 2)}\n`,
  yaml: (r: InspectReport) => renderYaml(r),
} satisfies Record<string, (report: InspectReport, view: InspectView) => string>;

export type InspectFormat = keyof typeof RENDERERS;

export function renderInspect(report: InspectReport, format: InspectFormat, view: InspectView = {}): string {
  return (RENDERERS[format] ?? RENDERERS.text)(report, view);
}

/** The inferred answers as a flat object (for `advise --data`: defaults under flags and files). */
export function inferredAnswers(report: InspectReport): Record<string, string | number> {
  return Object.fromEntries(report.inferred.map((i) => [i.key, i.value]));
}

const shown = (v: string | number) => (typeof v === 'number' ? fmt(v) : v);
const pad = (s: string, n: number) => s.padEnd(n);

/**
 * A line of columns and a long last column, wrapped to `width` with a hanging indent under the
 * last column (or 4 spaces when the columns take more than half the width).
 */
function hanging(head: string, text: string, width: number): string {
  if (head.length + text.length <= width) return `${head}${text}`;
  const indent = head.length <= width / 2 ? ' '.repeat(head.length) : '    ';
  return wrap(text, width, indent, head);
}

function renderText(r: InspectReport, width: number): string {
  const out = [`${r.path} (${r.format})`, ''];
  const keyWidth = Math.max(8, ...r.inferred.map((i) => i.key.length), ...r.notInferred.map((n) => n.key.length)) + 2;
  out.push(r.inferred.length > 0 ? 'Inferred from the data:' : 'Nothing could be inferred from the data.');
  const valueWidth = Math.max(0, ...r.inferred.map((i) => String(shown(i.value)).length)) + 2;
  for (const i of r.inferred) {
    const flag = i.confidence === 'certain' ? '' : ` (${i.confidence})`;
    out.push(hanging(`  ${pad(i.key, keyWidth)}${pad(String(shown(i.value)), valueWidth)}`, `because ${i.evidence}${flag}`, width));
  }
  if (r.notInferred.length > 0) {
    out.push('', 'Not inferred (answer these yourself):');
    for (const n of r.notInferred) out.push(hanging(`  ${pad(n.key, keyWidth)}`, n.why, width));
  }
  if (r.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(hanging('  ! ', `${w.message} [${w.code}]`, width));
  }
  const summary = Object.entries(r.summary);
  if (summary.length > 0) {
    out.push('', 'Summary:');
    const width = Math.max(...summary.map(([k]) => k.length)) + 2;
    for (const [k, v] of summary) out.push(`  ${pad(k, width)}${shown(v)}`);
  }
  return `${out.join('\n')}\n`;
}

/** One line, safe inside a YAML comment. */
const comment = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
const scalar = (v: string | number) => (typeof v === 'number' || /^[a-z][a-z0-9-]*$/.test(v) ? String(v) : JSON.stringify(v));

function renderYaml(r: InspectReport): string {
  const out = [
    `# dl-advisor answers inferred from ${comment(r.path)} (${r.format}) by \`dl-advisor inspect\`.`,
    '# Each answer follows its evidence. Check them, add the answers below, then run:',
    '#   dl-advisor advise --answers THIS_FILE.yaml',
  ];
  if (r.notInferred.length > 0) {
    out.push('#', `# Not inferred (answer these yourself): ${r.notInferred.map((n) => n.key).join(', ')}`);
    for (const n of r.notInferred) out.push(`#   ${n.key}: ${comment(n.why)}`);
  }
  if (r.warnings.length > 0) {
    out.push('#', '# Warnings:');
    for (const w of r.warnings) out.push(`#   ${comment(w.message)}`);
  }
  if (r.inferred.length === 0) out.push('{}');
  for (const i of r.inferred) {
    const flag = i.confidence === 'certain' ? '' : ` (${i.confidence})`;
    out.push('', `# because ${comment(i.evidence)}${flag}`, `${i.key}: ${scalar(i.value)}`);
  }
  return `${out.join('\n')}\n`;
}
