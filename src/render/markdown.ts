/** The recommendation as Markdown, for a CI step summary or a lab notebook. Pure. */

import { fullCitation } from '../knowledge/assemble-data.js';
import type { Item, Reason, Result } from '../knowledge/output.js';
import { questionName } from '../knowledge/question-name.js';
import type { Question } from '../knowledge/schema.js';
import { dataMarkdown } from './data.js';
import { methodsParagraphMarkdown } from './methods-paragraph.js';
import { precedentsMarkdown } from './precedents.js';
import { alternativesRecipesMarkdown, recipeMarkdown } from './recipe.js';
import { problemSummary } from './summary.js';
import { percent } from './wrap.js';

export function renderMarkdown(result: Result, questions: readonly Question[] = []): string {
  const rec = result.recommendation;
  const { headline, details } = problemSummary(result.answers, questions);
  const out: string[] = [`# Recommendation: ${rec.primary.name}`, '', `**Problem:** ${headline}${details.length > 0 ? ` (${details.join(', ')})` : ''}`, ''];
  out.push(`## Start with ${rec.primary.name} (\`${rec.primary.id}\`), ${percent(rec.primary.score)} of the evidence`, '');
  out.push(...rec.primary.reasons.map((r) => bullet(r)));
  out.push(...rec.primary.against.map((r) => bullet(r, 'Against: ')));
  out.push(...recipeMarkdown(rec.primary.recipe));
  if (rec.alternatives.length > 0) {
    out.push('', '## Runners-up', '', '| Model | Share | For | Against |', '|---|---:|---|---|');
    for (const a of rec.alternatives) {
      out.push(
        `| ${esc(a.name)} (\`${a.id}\`) | ${percent(a.score)} | ${a.reasons.map((r) => `\`${r.rule}\``).join(', ')} | ${a.against.map((r) => `\`${r.rule}\``).join(', ') || '-'} |`,
      );
    }
    out.push(...alternativesRecipesMarkdown(rec.alternatives));
  }
  items(out, 'Training strategies', rec.strategies);
  items(out, 'Interpretability', rec.interpretability);
  if (result.data) out.push(...dataMarkdown(result.data));
  if (rec.cautions.length > 0) {
    out.push('', '## Cautions', '');
    out.push(...rec.cautions.map((c) => `- ⚠️ ${c.text} _(rule \`${c.rule}\`; ${c.source})_`));
  }
  if (rec.nextSteps.length > 0) {
    out.push('', '## Next steps', '');
    out.push(...rec.nextStepsDetail.map((n, i) => `${i + 1}. ${n.text} _(rule \`${n.rule}\`)_`));
  }
  out.push(...precedentsMarkdown(result));
  const works = result.references ?? [];
  if (works.length > 0) out.push('', '## References', '', ...works.map((w) => `- ${fullCitation(w)}`));
  out.push('', '<details><summary>Answers</summary>', '', '| Question | Answer |', '|---|---|');
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [k, v] of Object.entries(result.answers)) {
    const q = byId.get(k);
    out.push(`| ${q ? `${esc(questionName(q))} (\`${k}\`)` : `\`${k}\``} | ${v === null ? '_unknown_' : esc(String(v))} |`);
  }
  out.push('', '</details>', ...methodsParagraphMarkdown(result));
  out.push('', `_dl-advisor ${result.tool.version}: ${result.rules.fired.length} of ${result.rules.count} rules applied (${result.rules.files.join(', ')})._`);
  return `${out.join('\n')}\n`;
}

function bullet(r: Reason, prefix = ''): string {
  return `- ${prefix}${r.text} _(rule \`${r.rule}\`; ${r.source}; ${r.basis})_`;
}

function items(out: string[], title: string, list: Item[]): void {
  if (list.length === 0) return;
  out.push('', `## ${title}`, '');
  // Items named together by one rule share its reasons: list them once.
  const groups: Item[][] = [];
  for (const item of list) {
    const key = item.reasons.map((r) => r.rule).join(',');
    const group = groups.find((g) => g[0]?.reasons.map((r) => r.rule).join(',') === key);
    if (group) group.push(item);
    else groups.push([item]);
  }
  for (const group of groups) {
    out.push(`- ${group.map((item) => `**${item.name}** (\`${item.id}\`)`).join(', ')}`);
    out.push(...(group[0]?.reasons ?? []).map((r) => `  ${bullet(r)}`));
  }
}

function esc(s: string): string {
  return s.replaceAll('|', '\\|');
}
