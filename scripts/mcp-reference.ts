/**
 * The tool reference of docs/mcp.md: every tool of `dl-advisor mcp` with its arguments, rendered
 * from the input schemas the server lists (tools/list), so that the page says what the server
 * takes. scripts/mcp-transcript.ts writes it into docs/mcp.md; tests/e2e/mcp.test.ts checks that
 * the page is the one the built server gives. Pure.
 */

export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: { properties?: Record<string, unknown>; required?: readonly string[] };
}

type Schema = { type?: string | string[]; enum?: unknown[]; anyOf?: Schema[]; minimum?: number; maximum?: number; pattern?: string; description?: string };

/** A property's type in a few words: its values, its range, or its JSON type. */
export function typeOf(s: Schema): string {
  if (s.enum) {
    // A long list (the method ids) shows its first values and how many there are.
    const shown = s.enum.length > 16 ? [...s.enum.slice(0, 6), '…'] : s.enum;
    const values = shown.map((v) => (v === '…' ? '…' : `\`${String(v)}\``)).join(' | ');
    return s.enum.length > 16 ? `${values} (${s.enum.length} values)` : values;
  }
  if (s.anyOf) return [...new Set(s.anyOf.map(typeOf))].join(' or ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  if (type === 'integer' || type === 'number') {
    const range = s.minimum !== undefined && s.maximum !== undefined ? ` ${s.minimum}-${s.maximum}` : s.minimum !== undefined ? ` ≥ ${s.minimum}` : '';
    return `${type}${range}`;
  }
  return type;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * Markdown: a section per tool, its description, then a table of its arguments. The answers
 * (`answerIds`, the questions' ids) are named in one line, since the `questions` tool and
 * `dl-advisor questions` list their values and meaning.
 */
export function toolReference(tools: readonly ListedTool[], answerIds: readonly string[]): string {
  const out: string[] = [];
  const answers = new Set(answerIds);
  for (const t of tools) {
    // The first paragraph of the description (advise's goes on with the list of answers).
    const about = ((t.description ?? '').split('\n')[0] ?? '').replace(/\s*Answers:$/, '').trim();
    out.push(`### \`${t.name}\`${t.title ? `: ${t.title}` : ''}`, '', about, '');
    const props = Object.entries(t.inputSchema.properties ?? {});
    // A tool that takes the answers takes every one; a few of their names elsewhere (precedents' filters) are its own.
    const takesAnswers = answerIds.length > 0 && answerIds.every((id) => props.some(([p]) => p === id));
    const given = takesAnswers ? props.filter(([id]) => answers.has(id)).map(([id]) => `\`${id}\``) : [];
    const own = takesAnswers ? props.filter(([id]) => !answers.has(id)) : props;
    if (given.length > 0) out.push(`Answers (as \`dl-advisor questions\` lists them): ${given.join(', ')}.`, '');
    if (own.length === 0) {
      if (given.length === 0) out.push('No arguments.', '');
      continue;
    }
    const required = new Set(t.inputSchema.required ?? []);
    out.push('| argument | type | description |', '|---|---|---|');
    for (const [id, schema] of own) {
      const s = schema as Schema;
      out.push(`| \`${id}\`${required.has(id) ? ' (required)' : ''} | ${cell(typeOf(s))} | ${cell(s.description ?? '')} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
