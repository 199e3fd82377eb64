/**
 * The MCP tools, as a table: each entry has the name, the description an assistant reads, the
 * input schema (generated from the same zod schemas and question list as the CLI's flags and
 * `schema answers`), and a call that returns the CLI's JSON document plus a text rendering.
 * The server (server.ts) only wires this table to the protocol.
 */
import { isAbsolute, resolve } from 'node:path';
import { answersFromData, type FromData, withData } from '../answers/data.js';
import { UserError } from '../errors.js';
import { advise } from '../index.js';
import type { PackSource } from '../knowledge/advice-precedents.js';
import type { Knowledge } from '../knowledge/assemble.js';
import { jsonSchema } from '../knowledge/json-schemas.js';
import type { Result } from '../knowledge/output.js';
import type { Question } from '../knowledge/schema.js';
import { renderMethodList, renderMethodText } from '../render/method.js';
import { questionsJson, renderQuestionsText } from '../render/questions.js';
import { plain } from '../render/style.js';
import { renderText } from '../render/text.js';
import { precedentsTool } from './precedents-tool.js';

export type JsonSchema = Record<string, unknown> & { type: 'object' };

export interface ToolResult {
  /** Exactly the document the CLI prints with --format json. */
  structured: Record<string, unknown>;
  /** What a person would read: the CLI's text output, without colour. */
  text: string;
}

export interface Tool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  call(args: Record<string, unknown>): Promise<ToolResult>;
}

/** Tool arguments that are not answers; a pack question with one of these ids is not offered as an argument. */
const ADVISE_OPTIONS = new Set(['explain', 'precedents', 'data', 'target', 'sheet', 'out', 'group']);
const TEXT_WIDTH = 100;

/** The rule packs the server was started with (`mcp --rules PATH`, `--no-builtin-rules`): their precedents count too. */
export type Packs = Omit<PackSource, 'knowledge'>;

/**
 * The tool table for one loaded knowledge (built-in rules plus the packs given with --rules);
 * `packs` names those packs again, so that advise and precedents include the precedents they add.
 */
export function tools(k: Knowledge, cwd: string, packs: Packs = {}): Tool[] {
  const answerProps = answerProperties(k.questions);
  const methodIds = k.methods.map((m) => m.id);
  return [
    {
      name: 'advise',
      title: 'Recommend a method',
      description: adviseDescription(k.questions),
      inputSchema: {
        type: 'object',
        properties: {
          ...answerProps,
          explain: { type: 'boolean', description: 'Add `explain`: every rule considered and why each runner-up lost.' },
          precedents: {
            type: 'integer',
            minimum: 0,
            maximum: 50,
            description: 'How many published problems like this one to return as `precedents` (default 3; 0 for none).',
          },
          data: {
            type: 'string',
            description:
              "Path to the user's dataset on this machine; answers are inferred from it (as `dl-advisor inspect`), and answers given here override them.",
          },
          target: { type: 'string', description: 'With data: the column to predict.' },
          sheet: { type: 'string', description: 'With data, an Excel workbook: the sheet to read (default: the first non-empty one).' },
        },
        required: [],
        additionalProperties: false,
      },
      outputSchema: objectSchema(jsonSchema('output', k.questions)),
      call: (args) => callAdvise(k, args, cwd, packs),
    },
    {
      name: 'questions',
      title: 'List the questions',
      description:
        'The questions dl-advisor can take as answers: id, type, allowed values with their meaning, default, help text, and when each applies (askIf). Call this first to learn what to ask the user; ask only the required ones and those that apply to their problem, then call advise.',
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      call: async () => ({ structured: questionsJson(k.questions), text: renderQuestionsText(k.questions, plain, TEXT_WIDTH) }),
    },
    {
      name: 'methods',
      title: 'Read a method card',
      description: `A method card: what the method is, when it fits, when to avoid it, data needs, interpretability, where to start, pitfalls and references. Without an id, the list of all methods. Ids: ${methodIds.join(', ')}.`,
      inputSchema: {
        type: 'object',
        properties: {
          id: { type: 'string', enum: methodIds, description: 'A method id from an advise result (primary, alternatives, strategies, interpretability).' },
        },
        additionalProperties: false,
      },
      call: async (args) => callMethods(k, args),
    },
    {
      name: 'inspect',
      title: 'Infer answers from a dataset',
      description:
        "Read a dataset on this machine (CSV/TSV table, JSON Lines, image/audio/video folder, FASTA/FASTQ, text folder, graph file, ...) and infer answers (modality, task, labeled, features, ...) with the evidence and confidence for each, plus warnings (missing values, ID-like columns, imbalance). Reads only local paths the user can read; never the network. Pass the user's path as they gave it; relative paths are resolved against the server's working directory.",
      inputSchema: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'A file or folder on this machine.' },
          target: { type: 'string', description: 'The column to predict (tables).' },
          sheet: { type: 'string', description: 'Excel workbooks: the sheet to read (default: the first non-empty one).' },
        },
        required: ['path'],
        additionalProperties: false,
      },
      call: (args) => callInspect(args, cwd),
    },
    precedentsTool(k, packs),
    starterTool(k, answerProps, cwd, packs),
  ];
}

/** The starter tool: writes only inside the folder the call names, which must be new or empty. */
function starterTool(k: Knowledge, answerProps: Record<string, unknown>, cwd: string, packs: Packs): Tool {
  return {
    name: 'starter',
    title: 'Write a first experiment',
    description:
      "Write a small, readable, runnable Python experiment for the recommended model and its baseline (README.md, requirements.txt, run.py, config.json) into the folder `out` on this machine, for the same answers as advise (and the user's dataset when `data` is given: the split follows its repeated ID column). Writes only inside `out`, which must not exist yet or be empty: it never overwrites a file and never runs the experiment; tell the user to run `python3 OUT/run.py`. Returns the advise document with a `starter` object (dir, family, recipe, files).",
    inputSchema: {
      type: 'object',
      properties: {
        ...answerProps,
        out: {
          type: 'string',
          description: "The folder to write into (created if absent; must be empty). Relative paths are resolved against the server's working directory.",
        },
        data: {
          type: 'string',
          description: "Path to the user's dataset on this machine; answers are inferred from it, and answers given here override them.",
        },
        target: { type: 'string', description: 'With data: the column to predict.' },
        group: { type: 'string', description: 'The column that ties rows together (patient, site, batch): the split is grouped on it.' },
      },
      required: ['out'],
      additionalProperties: false,
    },
    call: (args) => callStarter(k, args, cwd, packs),
  };
}

async function callStarter(k: Knowledge, args: Record<string, unknown>, cwd: string, packs: Packs): Promise<ToolResult> {
  const { out, group, ...rest } = args;
  if (typeof out !== 'string' || out.trim() === '') throw argError('out', out, 'the path of a new or empty folder on this machine');
  if (group !== undefined && typeof group !== 'string') throw argError('group', group, 'a column name');
  const { result, text: adviceText, data, fromData } = await adviseFor(k, rest, cwd, packs);
  const { buildStarter, dataFacts } = await import('../starter/index.js');
  const facts = dataFacts({ data, target: rest.target as string | undefined, group }, fromData?.summary);
  const { doc } = buildStarter(result, facts, localPath(out, cwd), k.starters ?? []);
  const files = doc.files.map((f) => `  ${doc.dir}/${f}`).join('\n');
  const origin = doc.source.builtin ? '' : `, template ${doc.source.id} from the user's rule pack ${doc.source.pack}: read run.py before running it`;
  const text = `${adviceText}\nStarter (${doc.template}), recipe ${doc.recipe}${doc.fallback ? ' (built-in fallback)' : ''}${origin}; wrote:\n${files}\nRun it: python3 ${doc.dir}/run.py (read ${doc.dir}/README.md first)\n`;
  return { structured: { ...result, starter: doc } as unknown as Record<string, unknown>, text };
}

function answerProperties(questions: readonly Question[]): Record<string, unknown> {
  const schema = jsonSchema('answers', questions);
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(props).filter(([id]) => !ADVISE_OPTIONS.has(id)));
}

function adviseDescription(questions: readonly Question[]): string {
  const lines = questions.map((q) => {
    const values = q.type === 'integer' ? 'a count (1200, "1.2k")' : (q.choices ?? []).map((c) => c.value).join('|');
    const dflt = q.required ? 'required' : `default ${q.default ?? q.unsure ?? 'unknown'}`;
    return `- ${q.id} (${values}; ${dflt}): ${q.prompt}`;
  });
  return [
    'Recommend which method a scientist should try first for their problem, with the runners-up and their share of the evidence, training strategies, interpretability methods, cautions and next steps; every statement names the rule and the published source behind it. Deterministic: the same answers give the same document. Give the answers you know; ask the user for the required ones if you cannot tell from what they said. Unknown keys or values are errors that list what is allowed. Answers:',
    ...lines,
  ].join('\n');
}

async function callAdvise(k: Knowledge, args: Record<string, unknown>, cwd: string, packs: Packs): Promise<ToolResult> {
  const { result, text } = await adviseFor(k, args, cwd, packs);
  return { structured: result as unknown as Record<string, unknown>, text };
}

/** The advise tool's work, shared with the starter tool: the result, its text, and what the data gave. */
async function adviseFor(
  k: Knowledge,
  args: Record<string, unknown>,
  cwd: string,
  packs: Packs,
): Promise<{ result: Result; text: string; data?: string; fromData?: FromData }> {
  const { explain, precedents, data, target, sheet, ...given } = args;
  if (explain !== undefined && typeof explain !== 'boolean') throw argError('explain', explain, 'true or false');
  if (precedents !== undefined && typeof precedents !== 'number') throw argError('precedents', precedents, 'a whole number from 0 to 50');
  if (target !== undefined && typeof target !== 'string') throw argError('target', target, 'a column name');
  if (sheet !== undefined && typeof sheet !== 'string') throw argError('sheet', sheet, 'a sheet name');
  for (const [name, value] of [['target', target] as const, ['sheet', sheet] as const]) {
    if (value !== undefined && data === undefined)
      throw new UserError({ code: 'bad-argument', message: `${name} is used only with data (the path of a dataset)` });
  }
  if (data !== undefined && typeof data !== 'string') throw argError('data', data, 'a path');
  // The same inference as `advise --data`; answers given in the call override it.
  const path = data === undefined ? undefined : localPath(data, cwd);
  const fromData = path === undefined ? undefined : await answersFromData(path, target, k.questions, sheet);
  const advice = await advise(
    { ...fromData?.answers, ...given },
    { knowledge: k, rules: packs.rules, builtin: packs.builtin, explain: explain === true, precedents: precedents as number | undefined },
  );
  const result = fromData ? withData(advice, fromData.report) : advice;
  return { result, text: renderText(result, { width: TEXT_WIDTH, questions: k.questions }), data: path, fromData };
}

async function callMethods(k: Knowledge, args: Record<string, unknown>): Promise<ToolResult> {
  const { id } = args;
  if (id === undefined) return { structured: { schemaVersion: 1, methods: k.methods }, text: renderMethodList(k.methods, plain) };
  const method = k.methods.find((m) => m.id === id);
  if (!method) throw argError('id', id, k.methods.map((m) => m.id).join(', '));
  const works = (k.references ?? []).filter((w) => method.references.some((r) => r.ref === w.id));
  return { structured: { schemaVersion: 1, method, references: works }, text: renderMethodText(method, plain, TEXT_WIDTH, works) };
}

async function callInspect(args: Record<string, unknown>, cwd: string): Promise<ToolResult> {
  const { path, target, sheet } = args;
  if (typeof path !== 'string' || path.trim() === '') throw argError('path', path, 'the path of a file or folder on this machine');
  if (target !== undefined && typeof target !== 'string') throw argError('target', target, 'a column name');
  if (sheet !== undefined && typeof sheet !== 'string') throw argError('sheet', sheet, 'a sheet name');
  const { inspectPath, renderInspect } = await import('../inspect/index.js');
  const report = await inspectPath(localPath(path, cwd), { target, sheet });
  return { structured: JSON.parse(renderInspect(report, 'json')) as Record<string, unknown>, text: renderInspect(report, 'text') };
}

/** A local path: URLs are refused (the server never reads the network); relative to the server's directory. */
function localPath(path: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new UserError({ code: 'bad-argument', message: `path: "${path}" is a URL; inspect reads only files on this machine` });
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function argError(key: string, value: unknown, allowed: string): UserError {
  return new UserError({ code: 'bad-argument', message: `${key}: ${JSON.stringify(value) ?? String(value)} is not allowed; allowed: ${allowed}` });
}

/** MCP output schemas are objects at the root; drop the draft marker (clients validate with their own draft). */
function objectSchema(schema: Record<string, unknown>): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return { ...rest, type: 'object' } as JsonSchema;
}
