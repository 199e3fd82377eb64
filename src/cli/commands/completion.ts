/** `dl-advisor completion bash|zsh|fish [--rules PACK]`: a completion script on stdout. */
import type { Command } from 'commander';
import { didYouMean, UserError } from '../../errors.js';
import type { Question } from '../../knowledge/schema.js';
import { completionScript, SHELLS, type Shell } from '../completion/shells.js';
import { completionSpec } from '../completion/spec.js';
import type { Context } from '../context.js';

interface CompletionOptions {
  rules?: string[];
  builtinRules?: boolean;
}

export async function completion(ctx: Context, program: Command, questions: readonly Question[], shell: string, opts: CompletionOptions): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UserError({ code: 'bad-value', message: `unknown shell "${shell}"; allowed: ${SHELLS.join(', ')}`, hint: didYouMean(shell, SHELLS) });
  }
  const { SCHEMA_NAMES } = await import('../../knowledge/json-schemas.js');
  // The precedent ids of the packs too (`precedents ID --rules PACK`), validated as that command does.
  const { knowledge: k, all } = await (await import('./precedents.js')).precedentsWithPacks(ctx, opts);
  const precedents = all.map((p) => p.id);
  const spec = completionSpec(program, questions, { methods: k.methods.map((m) => m.id), schemas: SCHEMA_NAMES, precedents });
  ctx.out(completionScript(shell as Shell, spec));
  return 0;
}
