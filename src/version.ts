import { readFileSync } from 'node:fs';

declare const __VERSION__: string | undefined;
declare const __KNOWLEDGE__: string | undefined;

/** The package version; inlined by the build, read from package.json when run from source. */
export function toolVersion(): string {
  if (typeof __VERSION__ !== 'undefined' && __VERSION__) return __VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** `dl-advisor --version` (or `-V`) and nothing else: answered before the parser loads. */
export function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
}

/** "163 rules, 33 methods, 14 questions (10 packs)": the build counts the built-in knowledge so. */
export function knowledgeSummary(k: {
  rules: readonly unknown[];
  methods: readonly unknown[];
  questions: readonly unknown[];
  packs: readonly unknown[];
}): string {
  return `${k.rules.length} rules, ${k.methods.length} methods, ${k.questions.length} questions (${k.packs.length} packs)`;
}

/** The built-in knowledge as counted by the build; undefined when run from source. */
export function builtKnowledge(): string | undefined {
  return typeof __KNOWLEDGE__ !== 'undefined' && __KNOWLEDGE__ ? __KNOWLEDGE__ : undefined;
}

/**
 * `dl-advisor --version`: the version alone on the first line (for scripts: `| head -1`), then
 * Node's version and the built-in knowledge (counted by the build: nothing is loaded to say it).
 */
export function versionText(version: string, node: string | undefined, knowledge: string): string {
  return `${version}\n${node ? `node ${node}\n` : ''}built-in knowledge: ${knowledge}\n`;
}
