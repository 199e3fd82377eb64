import type { Problem } from '../errors.js';
import type { ErrorDocument, Result } from '../knowledge/output.js';

/** One JSON document; indented for people on a terminal, compact when piped. */
export function renderJson(doc: Result | ErrorDocument | object, pretty: boolean): string {
  return `${JSON.stringify(doc, null, pretty ? 2 : undefined)}\n`;
}

export function errorDocument(problems: readonly Problem[]): ErrorDocument {
  return {
    schemaVersion: 1,
    errors: problems.map((p) => {
      const e: ErrorDocument['errors'][number] = { code: p.code, message: p.message };
      if (p.file !== undefined) e.file = p.file;
      if (p.line !== undefined) e.line = p.line;
      if (p.column !== undefined) e.column = p.column;
      if (p.path !== undefined) e.path = p.path;
      if (p.hint !== undefined) e.hint = p.hint;
      return e;
    }),
  };
}
