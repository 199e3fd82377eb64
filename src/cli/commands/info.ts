/** `questions`, `methods [ID]` and `schema NAME`: reference output for people and tools. */
import { didYouMean, UserError } from '../../errors.js';
import type { InspectFormat } from '../../inspect/index.js';
import { measured } from '../../render/width.js';
import { type Context, formatOf } from '../context.js';

interface InfoOptions {
  rules?: string[];
  builtinRules?: boolean;
  format?: string;
  json?: boolean;
  color?: boolean;
}

export async function questions(ctx: Context, opts: InfoOptions): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  await ctx.show(formatOf(opts), opts.color, (r, view) => r.questions(k.questions, view));
  return 0;
}

export async function methods(ctx: Context, id: string | undefined, opts: InfoOptions): Promise<number> {
  const k = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  if (!id) {
    await ctx.show(formatOf(opts), opts.color, (r, view) => r.methods(k.methods, view));
    return 0;
  }
  const m = k.methods.find((x) => x.id === id);
  if (!m) {
    const ids = k.methods.map((x) => x.id);
    throw new UserError({ code: 'unknown-method', message: `unknown method "${id}"; known: ${ids.join(', ')}`, hint: didYouMean(id, ids) });
  }
  // The works the card cites (issue 13): its references name them by id.
  const works = (k.references ?? []).filter((w) => m.references.some((r) => r.ref === w.id));
  await ctx.show(formatOf(opts), opts.color, (r, view) => r.method(m, view, works));
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

interface InspectOptions {
  target?: string;
  sheet?: string;
  maxFiles?: string;
  format?: string;
  json?: boolean;
  color?: boolean;
  output?: string;
}

/** `--max-files N`: a whole count of at least 1 (1000, 1,000, 1k). */
async function fileCount(text: string): Promise<number> {
  const { parseCount } = await import('../../answers/normalize.js');
  const n = parseCount(text);
  if (n !== null && n >= 1) return n;
  throw new UserError({ code: 'bad-flag', message: `--max-files needs a whole number of files of at least 1 (e.g. 1000 or 10k), not ${JSON.stringify(text)}` });
}

export async function inspect(ctx: Context, path: string, opts: InspectOptions): Promise<number> {
  const { inspectPath, renderInspect } = await import('../../inspect/index.js');
  const maxFiles = opts.maxFiles === undefined ? undefined : await fileCount(opts.maxFiles);
  const report = await inspectPath(path, { target: opts.target, sheet: opts.sheet, maxFiles });
  const toFile = opts.output !== undefined && opts.output !== '-';
  const view = { width: toFile ? 80 : ctx.width(), pretty: toFile || Boolean(ctx.io.stdout.isTTY), version: ctx.version };
  const format = formatOf(opts) as InspectFormat;
  const text = await measured(() => renderInspect(report, format, view));
  ctx.write(format === 'text' ? ctx.printable(text) : text, opts.output);
  return 0;
}
