/** `questions`, `methods [ID]` and `schema NAME`: reference output for people and tools. */
import { didYouMean, UserError } from '../../errors.js';
import { renderJson } from '../../render/json.js';
import { renderMethodList, renderMethodMarkdown, renderMethodText } from '../../render/method.js';
import { questionsJson, renderQuestionsText } from '../../render/questions.js';
import type { Context } from '../context.js';

interface InfoOptions {
  rules?: string[];
  builtinRules?: boolean;
  format?: string;
  json?: boolean;
  color?: boolean;
}

const isJson = (o: InfoOptions) => o.json || o.format === 'json';

export async function questions(ctx: Context, opts: InfoOptions): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (isJson(opts)) ctx.out(renderJson(questionsJson(k.questions), Boolean(ctx.io.stdout.isTTY)));
  else ctx.out(renderQuestionsText(k.questions, await ctx.style(opts.color), ctx.width()));
  return 0;
}

export async function methods(ctx: Context, id: string | undefined, opts: InfoOptions): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  const pretty = Boolean(ctx.io.stdout.isTTY);
  if (!id) {
    if (isJson(opts)) ctx.out(renderJson({ schemaVersion: 1, methods: k.methods }, pretty));
    else ctx.out(renderMethodList(k.methods, await ctx.style(opts.color)));
    return 0;
  }
  const m = k.methods.find((x) => x.id === id);
  if (!m) {
    const ids = k.methods.map((x) => x.id);
    throw new UserError({ code: 'unknown-method', message: `unknown method "${id}"; known: ${ids.join(', ')}`, hint: didYouMean(id, ids) });
  }
  if (isJson(opts)) ctx.out(renderJson({ schemaVersion: 1, method: m }, pretty));
  else if (opts.format === 'markdown') ctx.out(renderMethodMarkdown(m));
  else ctx.out(renderMethodText(m, await ctx.style(opts.color), ctx.width()));
  return 0;
}

export async function schema(ctx: Context, name: string, opts: InfoOptions): Promise<number> {
  const { jsonSchema, SCHEMA_NAMES } = await import('../../knowledge/json-schemas.js');
  if (!(SCHEMA_NAMES as readonly string[]).includes(name)) {
    throw new UserError({ code: 'bad-value', message: `unknown schema "${name}"; allowed: ${SCHEMA_NAMES.join(', ')}`, hint: didYouMean(name, SCHEMA_NAMES) });
  }
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  ctx.out(`${JSON.stringify(jsonSchema(name as (typeof SCHEMA_NAMES)[number], k.questions), null, 2)}\n`);
  return 0;
}

export async function inspect(ctx: Context, path: string, opts: { target?: string; sheet?: string; format?: string; json?: boolean }): Promise<number> {
  const { inspectPath, renderInspect } = await import('../../inspect/index.js');
  const format = opts.json ? 'json' : ((opts.format ?? 'text') as 'text' | 'json' | 'yaml');
  const report = await inspectPath(path, { target: opts.target, sheet: opts.sheet });
  ctx.out(renderInspect(report, format));
  return 0;
}
