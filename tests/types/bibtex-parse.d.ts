/** The part of bibtex-parse (a dev dependency, CommonJS without types) that the tests use. */
declare module 'bibtex-parse' {
  export interface Entry {
    key: string;
    type: string;
    [field: string]: string | number;
  }
  export function entries(bibtex: string): Entry[];
  const bibtexParse: { entries: typeof entries };
  export default bibtexParse;
}
