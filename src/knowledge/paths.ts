import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The package folder (holding package.json and rules/), found from this module's own location
 * so that the built-in rules are found from any working directory, installed or in a clone.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 5; i++) {
    if (existsSync(new URL('package.json', dir)) && existsSync(new URL('rules/', dir))) {
      root = fileURLToPath(dir);
      return root;
    }
    dir = new URL('../', dir);
  }
  throw new Error(`cannot find the dl-advisor package folder above ${import.meta.url}`);
}
