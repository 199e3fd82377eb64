/**
 * JSON Schemas generated from the zod schemas (`dl-advisor schema answers|output|rules`).
 * draft-07, because yaml-language-server (the VS Code YAML extension) reads draft-07.
 */
import { z } from 'zod';
import { InspectDocument } from './inspect-output.js';
import { OutputDocument } from './output.js';
import { Pack, type Question, TestFile } from './schema.js';

export const SCHEMA_NAMES = ['answers', 'output', 'rules', 'tests', 'inspect'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const HUMAN_COUNT = '^\\s*([0-9]+|[0-9]{1,3}(,[0-9]{3})+|[0-9]{1,3}(_[0-9]{3})+)(\\.[0-9]+)?(e[0-9]{1,2})?\\s*[kKmMgGbB]?\\s*$';

/** The answers-file schema follows the loaded questions, so rule packs that add questions extend it. */
export function answersSchema(questions: readonly Question[]): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    const description = `${q.prompt} ${q.help}`;
    if (q.type === 'integer') {
      const count = z.union([
        z
          .number()
          .int()
          .min(q.min ?? 0),
        z.string().regex(new RegExp(HUMAN_COUNT)),
      ]);
      shape[q.id] = (q.default === null ? z.union([count, z.literal('unknown'), z.null()]) : count).meta({ description }).optional();
    } else {
      const values = (q.choices ?? []).map((c) => c.value) as [string, ...string[]];
      const yesNo = values.includes('yes') && values.includes('no');
      shape[q.id] = (yesNo ? z.union([z.enum(values), z.boolean()]) : z.enum(values)).meta({ description }).optional();
    }
  }
  return z.strictObject(shape).meta({ title: 'dl-advisor answers', description: 'An answers file for `dl-advisor advise --answers FILE` (YAML or JSON).' });
}

export function jsonSchema(name: SchemaName, questions: readonly Question[]): Record<string, unknown> {
  const schemas: Record<Exclude<SchemaName, 'answers'>, z.ZodType> = { output: OutputDocument, rules: Pack, tests: TestFile, inspect: InspectDocument };
  const schema = name === 'answers' ? answersSchema(questions) : schemas[name];
  const titles: Record<SchemaName, string> = {
    answers: 'dl-advisor answers file',
    output: 'dl-advisor JSON output (schemaVersion 1)',
    rules: 'dl-advisor rule pack',
    tests: 'dl-advisor rule test cases',
    inspect: 'dl-advisor inspect JSON output (schemaVersion 1)',
  };
  const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...json, title: titles[name], $comment: `Generated from the zod schemas of dl-advisor (JSON Schema draft-07).` };
}
