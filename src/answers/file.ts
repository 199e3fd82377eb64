/** `--answers FILE|-`: a flat YAML or JSON mapping of answer keys to values. */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { isBytes, readLimited } from '../io/files.js';
import { type In, readAll } from '../io/streams.js';
import { decodeText, parseYaml } from '../knowledge/parse.js';
import type { Question } from '../knowledge/schema.js';
import { formatNumber } from '../text/number.js';
import { type Collected, fromMapping } from './sources.js';

export const ANSWERS_FILE_LIMIT = 1024 * 1024;
const Mapping = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]), {
  error: 'an answers file is a mapping of answer keys to values, e.g. "modality: image"',
});

export async function readAnswersFile(path: string, stdin: In, questions: readonly Question[]): Promise<Collected> {
  const shownAs = path === '-' ? '<stdin>' : path;
  const bytes = path === '-' ? await readStdin(stdin) : readLimited(path, ANSWERS_FILE_LIMIT);
  if (!isBytes(bytes)) throw new UserError(bytes);
  const text = decodeText(bytes, shownAs, ANSWERS_FILE_LIMIT);
  if (typeof text !== 'string') throw new UserError(text);
  if (text.trim() === '')
    throw new UserError({ code: 'empty-file', file: shownAs, message: 'answers file is empty; expected a mapping such as "modality: image"' });
  const parsed = parseYaml(text, shownAs, Mapping);
  if (!parsed.value) throw new UserError(looksLikeData(path) ? [{ ...dataHint(shownAs) }] : parsed.problems);
  return fromMapping(questions, parsed.value, shownAs, parsed.locate);
}

/** A dataset's extension (what `--data` and `inspect` read), not an answers file's. */
function looksLikeData(path: string): boolean {
  return /\.(csv|tsv|tab|psv|jsonl|ndjson|parquet|fa|fasta|fna|faa|fq|fastq|smi|smiles|sdf|graphml|npy|npz|h5|hdf5)(\.gz)?$/i.test(path);
}

function dataHint(file: string) {
  return {
    code: 'bad-answers' as const,
    file,
    message: 'this looks like a dataset, not an answers file (a YAML or JSON mapping such as "modality: image")',
    hint: `to infer the answers from a dataset, use --data ${file}`,
  };
}

async function readStdin(stdin: In): Promise<Uint8Array> {
  if (stdin.isTTY)
    throw new UserError({
      code: 'stdin-is-terminal',
      message: '--answers - reads answers from a pipe, but standard input is a terminal',
      hint: 'e.g. cat answers.yaml | dl-advisor --answers -',
    });
  const bytes = await readAll(stdin, ANSWERS_FILE_LIMIT);
  if (!bytes)
    throw new UserError({
      code: 'file-too-large',
      file: '<stdin>',
      message: `more than ${formatNumber(ANSWERS_FILE_LIMIT)} bytes on standard input; the limit is ${formatNumber(ANSWERS_FILE_LIMIT)} bytes`,
    });
  return bytes;
}
