/**
 * Default rule packs for a lab or a project, as ESLint and Prettier find their configuration:
 *
 *   DL_ADVISOR_RULES   a list of pack files or folders (separated by ':', ';' on Windows),
 *                      relative to the working directory; set (even empty) it replaces the file
 *   .dl-advisor.yaml   the nearest one in the working directory or above it: `rules: [paths]`,
 *                      relative to the file's own folder
 *
 * `--rules` packs are added after these (so they override them). Nothing in the file is run.
 */
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

export const CONFIG_FILE = '.dl-advisor.yaml';
export const CONFIG_LIMIT = 64 * 1024;

export interface DefaultPacks {
  rules: string[];
  /** Where they came from: `DL_ADVISOR_RULES`, a config file's path, or nothing. */
  from?: string;
}

/** The nearest .dl-advisor.yaml at or above `cwd`, or undefined. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (let i = 0; i < 64; i++) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export async function defaultPacks(env: Record<string, string | undefined>, cwd: string): Promise<DefaultPacks> {
  const fromEnv = env.DL_ADVISOR_RULES;
  if (fromEnv !== undefined) return { rules: fromEnv.split(delimiter).filter((p) => p.trim() !== ''), from: 'DL_ADVISOR_RULES' };
  const file = findConfig(cwd);
  if (!file) return { rules: [] };
  return { rules: await readConfig(file), from: file };
}

/** `rules: [paths]` from a config file, as absolute paths; UserError naming file:line otherwise. */
async function readConfig(file: string): Promise<string[]> {
  const [{ z }, { isBytes, readLimited }, { decodeText, parseYaml }] = await Promise.all([import('zod'), import('../io/files.js'), import('./parse.js')]);
  const Config = z.strictObject(
    { rules: z.array(z.string().min(1).max(4096)).max(100) },
    { error: `${CONFIG_FILE} is a mapping such as "rules: [lab-pack/]"` },
  );
  const bytes = readLimited(file, CONFIG_LIMIT);
  if (!isBytes(bytes)) throw new UserError(bytes);
  const text = decodeText(bytes, file, CONFIG_LIMIT);
  if (typeof text !== 'string') throw new UserError(text);
  const parsed = parseYaml(text, file, Config);
  if (!parsed.value) throw new UserError(parsed.problems);
  return parsed.value.rules.map((p) => resolve(dirname(file), p));
}
