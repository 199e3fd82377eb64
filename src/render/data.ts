/** The "Your data" section of the advice (with --data), for text and Markdown. Pure. */
import type { DataSection } from '../knowledge/output.js';
import type { Style } from './style.js';
import { wrap } from './wrap.js';

export function dataText(data: DataSection, width: number, s: Style): string[] {
  const out = ['', s.bold('Your data'), wrap(`${data.path} (${data.format})`, width, '    ', '  ')];
  const kw = Math.max(0, ...data.inferred.map((i) => i.key.length));
  const vw = Math.max(0, ...data.inferred.map((i) => String(i.value).length));
  for (const i of data.inferred) {
    const note = i.used ? i.confidence : `${i.confidence}; not used: another value was given`;
    const head = `  ${i.key.padEnd(kw)}  ${String(i.value).padEnd(vw)}  `;
    out.push(wrap(s.dim(`because ${i.evidence} (${note})`), width, ' '.repeat(head.length), head));
  }
  for (const warning of data.warnings) out.push(wrap(warning.message, width, '    ', `  ${s.yellow('!')} `));
  return out;
}

export function dataMarkdown(data: DataSection): string[] {
  const out = ['', '## Your data', '', `\`${data.path}\` (${data.format})`, ''];
  if (data.inferred.length > 0) {
    out.push('| Answer | Value | Confidence | Because |', '|---|---|---|---|');
    for (const i of data.inferred) {
      out.push(`| \`${i.key}\` | ${cell(String(i.value))}${i.used ? '' : ' _(not used)_'} | ${i.confidence} | ${cell(i.evidence)} |`);
    }
  }
  if (data.warnings.length > 0) out.push('', ...data.warnings.map((w) => `- ⚠️ ${cell(w.message)} (\`${w.code}\`)`));
  return out;
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
