/**
 * `dl-advisor inspect PATH`: answers inferred from a dataset, each with its evidence, the
 * answers it could not infer and why, data warnings and a summary. Files are streamed in
 * bounded memory; problems the user can fix are thrown as UserError (exit 2).
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { fsError } from '../io/fs-errors.js';
import { builtinQuestions } from '../knowledge/builtin.js';
import { inspectFile, SUPPORTED } from './detect.js';
import { DEFAULT_HEADER_SAMPLE, DEFAULT_MAX_FILES, inspectFolder } from './folder.js';
import { inspectScientificFolder } from './formats/folders.js';
import { inferKind } from './kind.js';
import { ReportBuilder } from './report.js';
import type { InspectOptions, InspectReport } from './types.js';

export { type InspectFormat, inferredAnswers, renderInspect } from './render.js';
export type { Confidence, DataWarning, Inferred, InspectOptions, InspectReport, NotInferred } from './types.js';

export async function inspectPath(path: string, options: InspectOptions = {}): Promise<InspectReport> {
  const b = new ReportBuilder(path, 'unknown');
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      const dicomFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
      const scientific = await inspectScientificFolder(path, options, dicomFiles, b);
      const file = scientific ? undefined : await inspectFolder(path, b, options.maxFiles ?? DEFAULT_HEADER_SAMPLE);
      if (file) {
        b.set('file', file);
        await inspectFile(file, options, b);
      }
    } else if (!info.isFile()) {
      throw new UserError({ code: 'data-unsupported', file: path, message: `not a regular file or folder; inspect reads ${SUPPORTED}` });
    } else if (info.size === 0) {
      throw new UserError({ code: 'data-empty', file: path, message: `the file is empty; inspect reads ${SUPPORTED}` });
    } else {
      await inspectFile(path, options, b);
    }
  } catch (e) {
    throw toUserError(e, path);
  }
  inferKind(b);
  return b.build(options.questions ?? (await builtinQuestions()).map((q) => q.id));
}

/** File-system errors the user can act on become one-line UserErrors; anything else is a bug. */
function toUserError(e: unknown, path: string): unknown {
  if (e instanceof UserError) return e;
  const known = fsError(e);
  if (!known) return e;
  const file = (e as NodeJS.ErrnoException).path ?? path;
  return new UserError({ code: known.notFound ? 'data-not-found' : 'data-unreadable', file, message: `${known.words}; inspect reads ${SUPPORTED}` });
}
