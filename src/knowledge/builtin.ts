/**
 * The built-in knowledge. In the built package it comes precompiled: the build validated it
 * with the full loader (schemas and cross-checks) and assembled it, so advising with the
 * built-in rules needs neither yaml nor zod (loading the bundled zod alone measured 40 ms and
 * 8 MB), nor assemble() and its cross-checks, which the build already ran. (assemble.ts itself
 * imports no zod: only types from schema.ts.) From source (tsx, tests) the YAML is validated on
 * every load.
 *
 * What the build (scripts/build.ts) ships, from toPrecompiled():
 *   dist/knowledge/core.json     questions and packs, and the offsets of the records (see
 *                                records.ts). Inlining it into the bundle as a string measured
 *                                no faster: the code cache and the script source grow by as much.
 *   dist/knowledge/rules.*.json  the rules (slim, see records.ts), split by modality: `advise`
 *                                reads those of the answers' modality, `knowledge.rules` all
 *                                (see rule-subsets.ts)
 *   dist/knowledge/methods.json  the method cards (~100 KB), read on first use of
 *                                `knowledge.methods`: `questions`, `--help` and `schema` never
 *                                read them (~1 ms each: the cold read and parse). `advise` does,
 *                                as the engine ranks by the catalogue. (Cards that load their
 *                                text lazily per field saved nothing measurable there.)
 *   dist/knowledge/sources.json  the validated packs, read only to assemble them with user packs
 *   dist/knowledge/references.json  the works cited (issue 13), read on first use of
 *                                `knowledge.references` (the JSON document's references[]); the
 *                                printed citations are precompiled into the rules and recipes
 *   dist/knowledge/recipes.json  the recipes and the evaluation plan (issue 13, ~50 KB), read on
 *                                first use of `knowledge.recipes`: `questions` never reads them
 *   dist/knowledge/starters.json the starter templates (issue 17, ~100 KB: the scripts), read on
 *                                first use of `knowledge.starters`, by `starter` only
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { EvaluationPlan, Knowledge, PackInfo, PackSource, RecipeEntry, RuleEntry, StarterEntry } from './assemble.js';
import { packageRoot } from './paths.js';
import { EAGER, RecordStore, RecordWriter, type Slim } from './records.js';
import { RuleFiles, splitRules, withRuleSubsets } from './rule-subsets.js';
import type { Method, Pack, Question, WorkReference } from './schema.js';

declare const __PRECOMPILED__: boolean | undefined;
const PRECOMPILED = typeof __PRECOMPILED__ !== 'undefined' && __PRECOMPILED__;

export const PRECOMPILED_FORMAT = 5;

export interface PrecompiledCore {
  format: typeof PRECOMPILED_FORMAT;
  questions: Question[];
  /** How many rules there are (a result reports it when evaluate() ran on a subset). */
  ruleCount: number;
  /** The modalities with a rules.<modality>.json (see rule-subsets.ts). */
  ruleSubsets: string[];
  packs: PackInfo[];
  /** Byte offsets of the records in records.json (see records.ts): start, end, start, end, ... */
  records: number[];
}

export interface PrecompiledRecipes {
  recipes: Slim<RecipeEntry>;
  evaluation: EvaluationPlan;
}

export interface PrecompiledSources {
  format: typeof PRECOMPILED_FORMAT;
  sources: { file: string; pack: Pack }[];
}

/** For the build: assembled knowledge and validated sources -> what the package ships. */
export function toPrecompiled(knowledge: Knowledge, sources: readonly PackSource[]) {
  const records = new RecordWriter();
  const rules = records.slim(knowledge.rules, EAGER.rules);
  const methods = records.slim(knowledge.methods, EAGER.methods);
  const recipes: PrecompiledRecipes = {
    recipes: records.slim(knowledge.recipes ?? [], EAGER.recipes),
    evaluation: knowledge.evaluation ?? { splits: [], metrics: [] },
  };
  const references = records.slim(knowledge.references ?? [], EAGER.references);
  const modalities = knowledge.questions.find((q) => q.id === 'modality')?.choices?.map((c) => c.value) ?? [];
  const core: PrecompiledCore = {
    format: PRECOMPILED_FORMAT,
    questions: knowledge.questions,
    ruleCount: knowledge.rules.length,
    ruleSubsets: modalities,
    packs: knowledge.packs,
    records: records.offsets,
  };

  const packs: PrecompiledSources = { format: PRECOMPILED_FORMAT, sources: sources.map(({ file, pack }) => ({ file, pack })) };
  return {
    'core.json': core,
    ...splitRules(knowledge.rules, rules, modalities),
    'methods.json': methods,
    'sources.json': packs,
    'references.json': references,
    'recipes.json': recipes,
    // Written as is (a string): the offsets in core.json are of this text.
    'records.json': records.text(),
    'starters.json': knowledge.starters ?? [],
  };
}

// Bundled code may sit in a chunk folder: find the files from the package root.
const precompiledFile = (name: string) => `${packageRoot()}dist/knowledge/${name}`;

function readPrecompiled<T>(name: string): T {
  return JSON.parse(readFileSync(precompiledFile(name), 'utf8')) as T;
}

/**
 * The texts of the rules, method cards, recipes and references, read per entry on first use. The
 * package folder is looked for then, not when this module loads (bench/inspect.ts bundles it
 * into a runner outside any package).
 */
const store = new RecordStore(
  () => precompiledFile('records.json'),
  () => core().records,
);

const noLocation = () => ({ line: 1, column: 1 });

let cachedSources: PackSource[] | undefined;

/** The validated built-in packs (to assemble them with user packs, or to list their files). */
export async function builtinSources(): Promise<PackSource[]> {
  if (cachedSources) return cachedSources;
  if (PRECOMPILED) {
    cachedSources = readPrecompiled<PrecompiledSources>('sources.json').sources.map((s) => ({ ...s, locate: noLocation }));
  } else {
    const { readBuiltinSources } = await import('./load.js');
    cachedSources = readBuiltinSources(packageRoot());
  }
  return cachedSources;
}

let cachedCore: PrecompiledCore | undefined;
let cachedRuleFiles: RuleFiles | undefined;
let cachedCards: Method[] | undefined;
let cachedReferences: WorkReference[] | undefined;
let cachedRecipes: { recipes: RecipeEntry[]; evaluation: EvaluationPlan } | undefined;
let cachedStarters: StarterEntry[] | undefined;
let cachedKnowledge: Knowledge | undefined;

function cards(): Method[] {
  cachedCards ??= store.lazy(readPrecompiled<Slim<Method>>('methods.json'), EAGER.methods);
  return cachedCards;
}

function references(): WorkReference[] {
  cachedReferences ??= store.lazy(readPrecompiled<Slim<WorkReference>>('references.json'), EAGER.references);
  return cachedReferences;
}

function recipes(): NonNullable<typeof cachedRecipes> {
  if (!cachedRecipes) {
    const read = readPrecompiled<PrecompiledRecipes>('recipes.json');
    cachedRecipes = { recipes: store.lazy(read.recipes, EAGER.recipes), evaluation: read.evaluation };
  }
  return cachedRecipes;
}

function starters(): StarterEntry[] {
  cachedStarters ??= readPrecompiled<StarterEntry[]>('starters.json');
  return cachedStarters;
}

function core(): PrecompiledCore {
  cachedCore ??= readPrecompiled<PrecompiledCore>('core.json');
  return cachedCore;
}

function ruleFiles(): RuleFiles {
  cachedRuleFiles ??= new RuleFiles(core().ruleSubsets, readPrecompiled, (slim) => store.lazy(slim, EAGER.rules));
  return cachedRuleFiles;
}

const allRules = () => ruleFiles().whole();
const rulesOf = (modality: string) => ruleFiles().of(modality);

/** The built-in questions, in walkthrough order (they become the flags of `advise`). */
export async function builtinQuestions(): Promise<Question[]> {
  if (PRECOMPILED) return core().questions;
  return (await builtinSources()).flatMap((s) => s.pack.questions ?? []);
}

async function builtinKnowledge(): Promise<Knowledge> {
  if (cachedKnowledge) return cachedKnowledge;
  if (PRECOMPILED) {
    const { questions, packs, ruleCount } = core();
    cachedKnowledge = withLazy(withRuleSubsets(withLazyMethods(questions, cards, allRules, packs), ruleCount, rulesOf), {
      references,
      recipes: () => recipes().recipes,
      evaluation: () => recipes().evaluation,
      starters,
    });
  } else {
    const { assemble } = await import('./assemble.js');
    const { knowledge, problems } = assemble(await builtinSources());
    if (problems.length > 0) throw new UserError(problems);
    cachedKnowledge = knowledge;
  }
  return cachedKnowledge;
}

/**
 * Knowledge whose `methods` and `rules` are read on first access, then kept: getters that replace
 * themselves with the value (own, enumerable properties in the usual key order, as assemble()
 * makes them). Reading `rules` removes the rule subsets, if any (rule-subsets.ts).
 */
function withLazyMethods(questions: Question[], methods: () => Method[], rules: () => RuleEntry[], packs: PackInfo[]): Knowledge {
  return {
    questions,
    get methods() {
      const value = methods();
      Object.defineProperty(this, 'methods', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    get rules() {
      const value = rules();
      Object.defineProperty(this, 'rules', { value, enumerable: true, configurable: true, writable: true });
      delete (this as Knowledge).candidateRules;
      return value;
    },
    packs,
  };
}

type Lazy = { [K in 'references' | 'recipes' | 'evaluation' | 'starters']: () => Knowledge[K] };

/** Adds `references`, `recipes`, `evaluation` and `starters`, each read on first access and then kept (as `methods`). */
function withLazy(k: Knowledge, lazy: Lazy): Knowledge {
  for (const [key, read] of Object.entries(lazy)) {
    Object.defineProperty(k, key, {
      get() {
        const value = read();
        Object.defineProperty(this, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      enumerable: true,
      configurable: true,
    });
  }
  return k;
}

export interface LoadOptions {
  /** Rule pack files or folders, in precedence order (later ones override earlier ones). */
  rules?: readonly string[];
  /** Include the built-in packs (default true). */
  builtin?: boolean;
}

/** Built-in and user packs -> knowledge. User files are fully validated; throws UserError. */
export async function loadKnowledge(options: LoadOptions = {}): Promise<Knowledge> {
  const userPaths = options.rules ?? [];
  const withBuiltin = options.builtin !== false;
  if (!withBuiltin && userPaths.length === 0) {
    throw new UserError({ code: 'no-rules', message: 'no rules to use: --no-builtin-rules needs at least one --rules PATH' });
  }
  if (userPaths.length === 0) {
    // Fresh arrays per call, as when every call assembled the packs: callers may change them.
    const k = await builtinKnowledge();
    // Precompiled: the rules are read through allRules(), not k.rules, which would drop k's subsets.
    const rules = PRECOMPILED ? allRules : () => k.rules;
    const copy = withLazyMethods(
      [...k.questions],
      () => [...k.methods],
      () => [...rules()],
      [...k.packs],
    );
    return withLazy(PRECOMPILED ? withRuleSubsets(copy, core().ruleCount, (m) => rulesOf(m)?.slice()) : copy, {
      references: () => [...(k.references ?? [])],
      recipes: () => [...(k.recipes ?? [])],
      evaluation: () => k.evaluation,
      starters: () => [...(k.starters ?? [])],
    });
  }
  const { assembleWithUserPacks } = await import('./load.js');
  return assembleWithUserPacks(withBuiltin ? await builtinSources() : [], userPaths);
}
