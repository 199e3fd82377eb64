/**
 * The JSON document of `dl-advisor inspect --format json` as a zod schema, for
 * `dl-advisor schema inspect` (schemas/inspect.schema.json). The inspector builds its report as
 * the plain types of src/inspect/types.ts; tests/inspect/render.test.ts validates real reports
 * against this schema, so the two cannot drift apart.
 */
import { z } from 'zod';

export const InspectDocument = z
  .strictObject({
    schemaVersion: z.literal(1),
    tool: z.strictObject({ name: z.literal('dl-advisor'), version: z.string() }),
    path: z.string().meta({ description: 'the path as given' }),
    format: z.string().meta({ description: "what was read: 'csv', 'tsv', 'jsonl', 'image-folder', 'fasta', 'graphml', ..." }),
    inferred: z.array(
      z.strictObject({
        key: z.string().meta({ description: 'an answer key (see `dl-advisor questions`)' }),
        value: z.union([z.string(), z.number()]),
        evidence: z.string().meta({ description: 'why, in words; reads after "because"' }),
        confidence: z.enum(['certain', 'likely', 'guess']),
      }),
    ),
    notInferred: z.array(z.strictObject({ key: z.string(), why: z.string() })),
    warnings: z.array(z.strictObject({ code: z.string().meta({ description: 'stable kebab-case code, e.g. "class-imbalance"' }), message: z.string() })),
    summary: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta({ description: 'What `dl-advisor inspect PATH --format json` prints.' });
