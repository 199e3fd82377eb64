/**
 * Documented limits for files from users: rule packs, rule-test cases and answers files
 * (docs/writing-rules.md, "Limits"). Each one, when exceeded, gives a problem that names it.
 * Dependency-free, so that the engine-side modules can import it without loading yaml or zod.
 */
export const LIMITS = {
  /** Bytes per file, checked with stat() before a byte is read. */
  fileBytes: 2 * 1024 * 1024,
  /**
   * YAML tokens (words, numbers, punctuation) per file, counted by a fast scan before parsing.
   * A real 2 MiB rule pack has about 450,000; the limit bounds the parse time of a file made of
   * nothing but tiny values (`[1,1,1,...]`) to about two seconds.
   */
  tokens: 600_000,
  /** Values (scalars, lists, mappings) per file after aliases are expanded. */
  values: 250_000,
  /** Levels of nesting of lists and mappings. */
  depth: 64,
  /**
   * Uses of one anchor (`&name` once plus each `*name`), nested aliases multiplying: yaml's
   * `maxAliasCount`, the guard against "billion laughs". So one anchor allows 99 aliases.
   */
  aliasCount: 100,
  /** Characters per string (and per key). */
  stringLength: 10_000,
  /** Rules per pack (the rule-file schema says the same). */
  rulesPerPack: 5_000,
  /** Levels of all/any/not inside one condition. */
  conditionDepth: 32,
  /** Rule files read from one folder. */
  filesPerFolder: 200,
  /** Problems reported per file; the rest are counted in one last problem. */
  problemsPerFile: 500,
} as const;
