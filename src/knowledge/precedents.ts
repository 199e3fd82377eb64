/**
 * Precedent files (rules/precedents/*.yaml, format in rules/precedents/README.md): the zod
 * schema, the JSON Schema generated from it, and reading and cross-checking the files. Every
 * problem is one line with file:line:column and the key, like the rule packs' (parse.ts does the
 * parsing and the wording of zod's issues).
 *
 * The schema is built from a vocabulary: the loaded questions (answers take their values, like
 * an answers file) and method ids (what was used or compared). `kind` and `dependence` are not
 * questions yet (issue 13): their values come from precedent-types.ts. Loads zod: the advise path
 * never imports this module; precedents-builtin.ts loads it only when the corpus is read from source.
 */
import { join, relative } from 'node:path';
import { z } from 'zod';
import { validIfProblems } from '../answers/valid-if.js';
import type { Problem } from '../errors.js';
import type { Knowledge } from './assemble.js';
import { listFolder, readUserFile } from './load.js';
import type { Locate } from './parse/positions.js';
import { formatPath, parseYaml } from './parse.js';
import { ARXIV_PATTERN, CHECKED, DEPENDENCE, DOI_PATTERN, KINDS, type Precedent, RESULTS, URL_PATTERN } from './precedent-types.js';
import { ID_PATTERN, type Question } from './schema.js';

export interface Vocabulary {
  questions: readonly Question[];
  methods: readonly string[];
}

/** The vocabulary of loaded knowledge: its questions and the ids of its method cards. */
export function vocabularyOf(k: Pick<Knowledge, 'questions' | 'methods'>): Vocabulary {
  return { questions: k.questions, methods: k.methods.map((m) => m.id) };
}

const ALL_KINDS = [...new Set(Object.values(KINDS).flat())] as [string, ...string[]];
const REQUIRED_ANSWERS = new Set(['modality', 'task']);
const IDENTIFIERS = ['doi', 'arxiv', 'url'] as const;

/** The answers a precedent may give: the questions' values, plus kind and dependence. */
function answersSchema(questions: readonly Question[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    const field =
      q.type === 'integer'
        ? z
            .number()
            .int()
            .min(q.min ?? 0)
        : z.enum((q.choices ?? []).map((c) => c.value) as [string, ...string[]]);
    shape[q.id] = REQUIRED_ANSWERS.has(q.id) ? field : field.optional();
  }
  shape.kind = z
    .enum(ALL_KINDS)
    .meta({ description: 'graph: molecules atomistic network mesh; time-series: signal records panel; image: 2d volume slide; biosequence: protein dna rna' })
    .optional();
  shape.dependence = z.enum(DEPENDENCE).optional();
  return z.strictObject(shape).superRefine((a, ctx) => {
    if (a.kind === undefined) return;
    const allowed = KINDS[String(a.modality)] ?? [];
    if (allowed.includes(String(a.kind))) return;
    ctx.addIssue({
      code: 'custom',
      path: ['kind'],
      input: a.kind,
      message:
        allowed.length > 0
          ? `"${String(a.kind)}" is not a kind of ${String(a.modality)} data; expected one of ${allowed.map((k) => `"${k}"`).join(', ')}`
          : `${String(a.modality)} data has no kinds; remove "kind" (kinds exist for ${Object.keys(KINDS).join(', ')})`,
    });
  });
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** One precedent entry. */
export function precedentSchema(v: Vocabulary) {
  const methodId = z.enum(v.methods as [string, ...string[]]);
  return z
    .strictObject({
      id: z.string().max(100).regex(ID_PATTERN, { error: 'ids are kebab-case: lower-case letters, digits and single hyphens, e.g. esteva-2017-skin-lesions' }),
      citation: z.strictObject({
        authors: z.array(text(200)).min(1).max(100),
        year: z.number().int().min(1900).max(2100),
        title: text(500),
        venue: text(300),
      }),
      doi: z.string().regex(DOI_PATTERN, { error: 'not a DOI: write it as printed, e.g. 10.1038/nature21056 (without https://doi.org/)' }).optional(),
      arxiv: z.string().regex(ARXIV_PATTERN, { error: 'not an arXiv id: write it in quotes, e.g. "2003.11755"' }).optional(),
      url: z.string().max(500).regex(URL_PATTERN, { error: 'not a web address: it starts with https://' }).optional(),
      answers: answersSchema(v.questions),
      used: z.strictObject({ methods: z.array(methodId).min(1).max(20), recipe: text(500) }),
      result: z.enum(RESULTS),
      compared: z.array(methodId).max(20).optional(),
      finding: text(1200),
      checked: z.enum(CHECKED),
      note: text(1500).optional(),
      disagreement: text(600)
        .meta({ description: 'a known disagreement with the advice, and why (rules test --precedents then counts the entry apart)' })
        .optional(),
      samePaper: z
        .string()
        .regex(ID_PATTERN)
        .meta({ description: 'the id of an entry on another task of the same publication (it may share the doi, arxiv id or url)' })
        .optional(),
    })
    .superRefine((p, ctx) => {
      const given = IDENTIFIERS.filter((k) => p[k] !== undefined);
      if (given.length === 1) return;
      ctx.addIssue({
        code: 'custom',
        path: given.length > 1 ? [given[1] as string] : [],
        input: p,
        message: given.length > 1 ? `give only one of doi, arxiv and url (this entry has ${given.join(' and ')})` : 'needs exactly one of doi, arxiv or url',
      });
    });
}

/** A precedent file: `precedents:` and a list of entries. */
export function precedentFileSchema(v: Vocabulary) {
  return z
    .strictObject({ precedents: z.array(precedentSchema(v)).min(1).max(5000) })
    .meta({ title: 'dl-advisor precedents', description: 'Published applications (rules/precedents/*.yaml; format in rules/precedents/README.md).' });
}

/** The JSON Schema of precedent files (schemas/precedents.schema.json), draft-07 like the others. */
export function precedentsJsonSchema(v: Vocabulary): Record<string, unknown> {
  const json = z.toJSONSchema(precedentFileSchema(v), { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...json,
    title: 'dl-advisor precedent file',
    $comment:
      'Generated from the zod schemas of dl-advisor (JSON Schema draft-07). Checked beyond it: kind per modality, exactly one of doi/arxiv/url, unique ids and identifiers.',
  };
}

export interface PrecedentFile {
  file: string;
  precedents: Precedent[];
  locate: Locate;
}

/** The text of one file -> its validated precedents, or its problems. */
export function parsePrecedentFile(source: string, file: string, v: Vocabulary): { value?: PrecedentFile; problems: Problem[] } {
  if (source.trim() === '') {
    return { problems: [{ code: 'empty-file', file, line: 1, column: 1, message: 'file is empty; expected "precedents:" and a list of entries' }] };
  }
  const parsed = parseYaml(source, file, precedentFileSchema(v));
  if (!parsed.value) return { problems: parsed.problems };
  const precedents = parsed.value.precedents as Precedent[];
  // Answers hold together as an answers file's must (a question's validIf: e.g. no pose estimation of text).
  const problems: Problem[] = precedents.flatMap((p, i) =>
    validIfProblems(v.questions, p.answers).map((x) => ({
      ...x,
      file,
      ...parsed.locate(['precedents', i, 'answers']),
      path: ['precedents', i, 'answers'],
      message: `${formatPath(['precedents', i, 'answers'])}: ${x.message}`,
    })),
  );
  return { value: { file, precedents, locate: parsed.locate }, problems };
}

/**
 * Across files: every id, and every doi/arxiv/url, names one entry; except that an entry marked
 * `samePaper: <id>` (another task of the same publication) may share that entry's identifier, when
 * the two describe different problems. A `samePaper` id must name an entry.
 */
export function crossCheck(files: readonly PrecedentFile[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, { file: string; line: number; id: string; answers: string }>();
  const ids = new Set(files.flatMap((f) => f.precedents.map((p) => p.id)));
  for (const f of files) {
    f.precedents.forEach((p, i) => {
      const problem = (path: (string | number)[], message: string, hint?: string) =>
        problems.push({ code: 'duplicate-id', file: f.file, ...f.locate(path), path, message: `${formatPath(path)}: ${message}`, ...(hint ? { hint } : {}) });
      if (p.samePaper !== undefined && (p.samePaper === p.id || !ids.has(p.samePaper)))
        problem(
          ['precedents', i, 'samePaper'],
          `"${p.samePaper}" is not the id of another entry`,
          'samePaper names the entry on another task of the same publication',
        );
      const answers = JSON.stringify(Object.entries(p.answers).sort());
      const keys: [string, string, (string | number)[]][] = [[`id:${p.id}`, 'id', ['precedents', i, 'id']]];
      for (const k of IDENTIFIERS) if (p[k]) keys.push([`${k}:${String(p[k]).toLowerCase()}`, k, ['precedents', i, k]]);
      for (const [key, what, path] of keys) {
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { file: f.file, line: f.locate(path).line, id: p.id, answers });
          continue;
        }
        const value = key.slice(key.indexOf(':') + 1);
        const marked = what !== 'id' && p.samePaper === first.id;
        if (marked && first.answers !== answers) continue;
        if (marked)
          problem(
            path,
            `${what} "${value}" is shared with ${first.id} (${first.file}${first.line > 0 ? `:${first.line}` : ''}), which has the same answers`,
            'entries of the same publication describe different tasks',
          );
        else
          problem(
            path,
            `${what} "${value}" is already used by ${first.id} (${first.file}${first.line > 0 ? `:${first.line}` : ''})`,
            what === 'id'
              ? 'ids are unique across all precedent files'
              : `one entry per work; merge the two, drop one, or mark another task of the same paper with samePaper: ${first.id}`,
          );
      }
    });
  }
  return problems;
}

/** Files named by path -> their parsed files and the problems of each (no cross-check). */
export function parsePrecedentFiles(paths: readonly string[], v: Vocabulary, shownAs: (path: string) => string = (p) => p) {
  const parsed: PrecedentFile[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const text = readUserFile(path, shownAs(path));
    if (typeof text !== 'string') {
      problems.push(text);
      continue;
    }
    const r = parsePrecedentFile(text, shownAs(path), v);
    problems.push(...r.problems);
    if (r.value) parsed.push(r.value);
  }
  return { parsed, problems };
}

/** Files named by path -> all their precedents (in file order) and every problem. */
export function readPrecedentFiles(paths: readonly string[], v: Vocabulary, shownAs: (path: string) => string = (p) => p) {
  const { parsed, problems } = parsePrecedentFiles(paths, v, shownAs);
  problems.push(...crossCheck(parsed));
  return { precedents: parsed.flatMap((f) => f.precedents), problems };
}

/** The built-in corpus from source: rules/precedents/*.yaml, in name order. */
export function readBuiltinPrecedents(root: string, v: Vocabulary) {
  const dir = join(root, 'rules', 'precedents');
  const listed = listFolder(dir, (n) => /\.ya?ml$/i.test(n));
  const r = readPrecedentFiles(listed.files, v, (p) => `builtin:precedents/${relative(dir, p)}`);
  return { precedents: r.precedents, problems: listed.problem ? [listed.problem, ...r.problems] : r.problems };
}
