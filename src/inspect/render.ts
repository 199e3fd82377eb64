/** Pure renderers of an InspectReport: text for people, JSON (one document), YAML (an answers file). */
import { fmt } from './report.js';
import type { InspectReport } from './types.js';

/** One renderer per format of `inspect`; to add a format, add it here. */
const RENDERERS = {
  text: (r: InspectReport) => renderText(r),
  json: (r: InspectReport) => `${JSON.stringify({ schemaVersion: 1, ...r }, null, 2)}\n`,
  yaml: (r: InspectReport) => renderYaml(r),
} satisfies Record<string, (report: InspectReport) => string>;

export type InspectFormat = keyof typeof RENDERERS;

export function renderInspect(report: InspectReport, format: InspectFormat): string {
  return (RENDERERS[format] ?? RENDERERS.text)(report);
}

/** The inferred answers as a flat object (for `advise --data`: defaults under flags and files). */
export function inferredAnswers(report: InspectReport): Record<string, string | number> {
  return Object.fromEntries(report.inferred.map((i) => [i.key, i.value]));
}

const shown = (v: string | number) => (typeof v === 'number' ? fmt(v) : v);
const pad = (s: string, n: number) => s.padEnd(n);

function renderText(r: InspectReport): string {
  const out = [`${r.path} (${r.format})`, ''];
  const keyWidth = Math.max(8, ...r.inferred.map((i) => i.key.length), ...r.notInferred.map((n) => n.key.length)) + 2;
  out.push(r.inferred.length > 0 ? 'Inferred from the data:' : 'Nothing could be inferred from the data.');
  const valueWidth = Math.max(0, ...r.inferred.map((i) => String(shown(i.value)).length)) + 2;
  for (const i of r.inferred) {
    const flag = i.confidence === 'certain' ? '' : ` (${i.confidence})`;
    out.push(`  ${pad(i.key, keyWidth)}${pad(String(shown(i.value)), valueWidth)}because ${i.evidence}${flag}`);
  }
  if (r.notInferred.length > 0) {
    out.push('', 'Not inferred (answer these yourself):');
    for (const n of r.notInferred) out.push(`  ${pad(n.key, keyWidth)}${n.why}`);
  }
  if (r.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(`  ! ${w.message} [${w.code}]`);
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
