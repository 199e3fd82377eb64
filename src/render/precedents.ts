/**
 * Precedents for people (issue 16): the "Published problems like yours" section of the text and
 * Markdown reports, and the `dl-advisor precedents` list and entry. Pure.
 */
import { citationText, contrastSentence, precedentContrast } from '../engine/precedent-section.js';
import type { PrecedentOut, Result } from '../knowledge/output.js';
import type { Precedent } from '../knowledge/precedent-types.js';
import { precedentLink } from '../knowledge/precedent-types.js';
import { displayName } from '../text/names.js';
import type { Style } from './style.js';
import { NBSP, wrap } from './wrap.js';

export const PRECEDENTS_TITLE = 'Published problems like yours';

const RESULT_WORDS: Readonly<Record<PrecedentOut['result'], string>> = {
  positive: 'found',
  negative: 'found (negative result)',
  caution: 'found (a caution)',
};

/** "CNN, transfer-learning: Inception v3 pretrained on ImageNet, fine-tuned ..." */
function usedText(p: Pick<PrecedentOut, 'used' | 'recipe'>): string {
  return `${p.used.join(', ')}: ${p.recipe}`;
}

/** The section of the text report (empty when the result has no precedents). */
export function precedentsText(result: Result, width: number, s: Style): string[] {
  const shown = result.precedents ?? [];
  if (shown.length === 0) return [];
  const out = ['', s.bold(PRECEDENTS_TITLE)];
  const label = (l: string) => s.dim(`${l}:`);
  shown.forEach((p, i) => {
    const head = `${String(i + 1).padStart(2)}. `;
    out.push(wrap(s.bold(p.citation), width, '      ', `  ${head}`));
    // A long address moves left rather than past the edge (it cannot be broken).
    const pad = ' '.repeat(Math.max(2, Math.min(6, width - p.link.length)));
    out.push(wrap(`${p.link ? `${s.cyan(p.link)} ` : ''}${s.dim(`·${NBSP}${p.id}`)}`, width, '      ', pad));
    out.push(wrap(`${label('used')} ${usedText(p)}`, width, '        ', '      '));
    out.push(wrap(`${label(RESULT_WORDS[p.result])} ${p.finding}`, width, '        ', '      '));
    out.push(wrap(`${label('close')} ${p.why.join('; ')} ${s.dim(`(similarity ${p.similarity.toFixed(2)})`)}`, width, '        ', '      '));
  });
  const contrast = precedentContrast(result);
  if (contrast) out.push(wrap(`${s.yellow('!')} ${contrastSentence(contrast)}`, width, '    ', '  '));
  return out;
}

const md = (s: string) => s.replaceAll('|', '\\|').replace(/([*_`[\]])/g, '\\$1');

/** The section of the Markdown report. */
export function precedentsMarkdown(result: Result): string[] {
  const shown = result.precedents ?? [];
  if (shown.length === 0) return [];
  const out = ['', `## ${PRECEDENTS_TITLE}`, ''];
  shown.forEach((p, i) => {
    const link = p.link ? ` [${p.doi ? `doi:${p.doi}` : p.arxiv ? `arXiv:${p.arxiv}` : p.link}](${p.link})` : '';
    out.push(`${i + 1}. **${md(p.citation)}**${link} (\`${p.id}\`, similarity ${p.similarity.toFixed(2)})`);
    out.push(`   - Used: ${md(usedText(p))}`);
    out.push(`   - ${RESULT_WORDS[p.result].replace(/^f/, 'F')}: ${md(p.finding)}`);
    out.push(`   - Why it is close: ${md(p.why.join('; '))}`);
  });
  const contrast = precedentContrast(result);
  if (contrast) out.push('', `> ${contrastSentence(contrast)}`);
  return out;
}

// ---------------------------------------------------------------- dl-advisor precedents

/** One line per entry: id, short citation, modality/task, result. */
export function precedentListText(list: readonly Precedent[], matching: number, total: number, width: number, s: Style): string {
  const out: string[] = [];
  for (const p of list) {
    const problem = [p.answers.modality, p.answers.kind, p.answers.task].filter((x) => x !== undefined).join('/');
    out.push(wrap(`${s.bold(p.id)}  ${citationText(p.citation, p.id)} ${s.dim(`[${problem}; ${p.result}; ${p.used.methods.join(', ')}]`)}`, width, '    ', ''));
  }
  const of = matching === total ? `${total}` : `${matching} matching of ${total}`;
  out.push('', s.dim(`${list.length} shown of ${of} precedents. One in full: dl-advisor precedents ID · for scripts: --json`));
  return `${out.join('\n')}\n`;
}

/** One entry in full. */
export function precedentText(p: Precedent, width: number, s: Style): string {
  const out = [s.bold(p.id), wrap(citationText(p.citation, p.id), width, '  ', '  ')];
  const link = precedentLink(p);
  if (link) out.push(`  ${s.cyan(link)}`);
  const field = (label: string, text: string) => out.push(wrap(`${s.bold(`${label}:`)} ${text}`, width, '    ', '  '));
  field('Authors', p.citation.authors.map(displayName).join(', '));
  field(
    'Problem',
    Object.entries(p.answers)
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
  );
  field('Used', `${p.used.methods.join(', ')}: ${p.used.recipe}`);
  if (p.compared && p.compared.length > 0) field('Compared with', p.compared.join(', '));
  field('Result', p.result);
  field('Finding', p.finding);
  field('Checked against', p.checked);
  if (p.note) field('Note', p.note);
  return `${out.join('\n')}\n`;
}
