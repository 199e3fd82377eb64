/** Method cards (`dl-advisor methods [ID]`) in text and Markdown. Pure. */
import { fullCitation } from '../knowledge/assemble-data.js';
import type { Method, WorkReference } from '../knowledge/schema.js';
import type { Style } from './style.js';
import { wrap } from './wrap.js';

export function renderMethodList(methods: readonly Method[], s: Style, width = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  for (const kind of ['model', 'strategy', 'interpretability'] as const) {
    out.push(s.bold(kind === 'model' ? 'Models' : kind === 'strategy' ? 'Training strategies' : 'Interpretability'));
    for (const m of methods.filter((x) => x.kind === kind)) out.push(wrap(m.name, width, ' '.repeat(29), `  ${m.id.padEnd(26)} `));
    out.push('');
  }
  out.push('Show one card: dl-advisor methods ID');
  return `${out.join('\n')}\n`;
}

export function renderMethodText(m: Method, s: Style, width = 80, works: readonly WorkReference[] = []): string {
  const out = [`${s.bold(m.name)} ${s.dim(`(${m.id}, ${m.kind})`)}`, '', wrap(m.summary, width)];
  const list = (title: string, items: string[]) => {
    out.push('', s.bold(title));
    for (const i of items) out.push(wrap(i, width, '    ', '  • '));
  };
  const para = (title: string, text: string) => out.push('', s.bold(title), wrap(text, width, '  ', '  '));
  list('When it fits', m.fits);
  list('When it does not', m.avoid);
  para('Data needs', m.dataNeeds);
  para('Interpretability', m.interpretability);
  list('Where to start', m.start);
  list('Pitfalls', m.pitfalls);
  list(
    'References',
    m.references.map((r) => ref(r, works)),
  );
  return `${out.join('\n')}\n`;
}

export function renderMethodMarkdown(m: Method, works: readonly WorkReference[] = []): string {
  const list = (title: string, items: string[]) => [`## ${title}`, '', ...items.map((i) => `- ${i}`), ''];
  return [
    `# ${m.name} (\`${m.id}\`)`,
    '',
    `_${m.kind}_`,
    '',
    m.summary,
    '',
    ...list('When it fits', m.fits),
    ...list('When it does not', m.avoid),
    '## Data needs',
    '',
    m.dataNeeds,
    '',
    '## Interpretability',
    '',
    m.interpretability,
    '',
    ...list('Where to start', m.start),
    ...list('Pitfalls', m.pitfalls),
    ...list(
      'References',
      m.references.map((r) => ref(r, works)),
    ),
  ].join('\n');
}

/** A card reference: the full citation when it names a known work (issue 13), else the text as written. */
function ref(r: Method['references'][number], works: readonly WorkReference[]): string {
  const section = r.section ? (/^\d/.test(r.section) ? `sec. ${r.section}` : r.section) : '';
  const work = works.find((w) => w.id === r.ref);
  if (work) return `${fullCitation(work)}${section ? ` (${section})` : ''}`;
  return `${r.ref}${section ? `, ${section}` : ''}${r.url ? ` <${r.url}>` : ''}`;
}
