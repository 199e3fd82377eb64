/** The part of Citation.js (dev dependencies, without types) that the tests use: BibTeX in, CSL-JSON out. */
declare module '@citation-js/core' {
  export class Cite {
    constructor(input: string);
    /** CSL-JSON items. */
    data: Record<string, unknown>[];
  }
}
declare module '@citation-js/plugin-bibtex';
