/** The README's table of answer flags, generated from the questions (a test keeps the README in step). */
import { flagOf } from '../answers/normalize.js';
import type { Question } from '../knowledge/schema.js';
import { describeCondition } from './questions.js';

export function flagsTable(questions: readonly Question[]): string {
  const rows = questions.map((q) => {
    const values = q.type === 'integer' ? `count${q.min !== undefined ? ` ≥ ${q.min}` : ''}` : (q.choices ?? []).map((c) => `\`${c.value}\``).join(' ');
    const dflt = q.required ? 'required' : q.default === null || q.default === undefined ? 'unknown' : `\`${q.default}\``;
    const asked = q.askIf ? describeCondition(q.askIf) : 'always';
    return `| \`${flagOf(q)}\` | \`${q.id}\` | ${values} | ${dflt} | ${asked} |`;
  });
  return ['| flag | key | values | default | asked when |', '|---|---|---|---|---|', ...rows].join('\n');
}
