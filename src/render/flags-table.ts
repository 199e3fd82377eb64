/** The README's table of answer flags, generated from the questions (a test keeps the README in step). */
import { flagOf } from '../answers/normalize.js';
import type { Question } from '../knowledge/schema.js';
import { describeCondition } from './questions.js';

export function flagsTable(questions: readonly Question[]): string {
  const rows = questions.map((q) => {
    const values = q.type === 'integer' ? `count${q.min !== undefined ? ` ≥ ${q.min}` : ''}` : choiceValues(q);
    const dflt = q.required ? 'required' : q.default === null || q.default === undefined ? 'unknown' : `\`${q.default}\``;
    const asked = q.askIf ? describeCondition(q.askIf) : 'always';
    return `| \`${flagOf(q)}\` | \`${q.id}\` | ${values} | ${dflt} | ${asked} |`;
  });
  return ['| flag | key | values | default | asked when |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** `a` `b`, or for choices that apply only for some answers: "modality = graph: `a` `b`; ...; `unknown`". */
function choiceValues(q: Question): string {
  const choices = q.choices ?? [];
  const code = (v: string) => `\`${v}\``;
  if (q.validIfScope === 'walkthrough' || !choices.some((c) => c.validIf)) return choices.map((c) => code(c.value)).join(' ');
  const groups = new Map<string, string[]>();
  for (const c of choices) {
    const key = c.validIf ? `${describeCondition(c.validIf)}: ` : '';
    groups.set(key, [...(groups.get(key) ?? []), code(c.value)]);
  }
  return [...groups].map(([when, values]) => `${when}${values.join(' ')}`).join('; ');
}
