import { readFileSync } from 'node:fs';

declare const __VERSION__: string | undefined;

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
