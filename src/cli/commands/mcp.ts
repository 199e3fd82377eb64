/** `dl-advisor mcp`: serve the advisor to AI assistants over the Model Context Protocol (stdio). */
import type { Context } from '../context.js';

export interface McpOptions {
  rules?: string[];
  builtinRules?: boolean;
}

export async function mcp(ctx: Context, opts: McpOptions): Promise<number> {
  // Invalid packs stop here, before serving, with the usual file:line:column problems (exit 2).
  const knowledge = await ctx.knowledge({ rules: opts.rules, builtin: opts.builtinRules });
  // The packs' precedents too (advise and precedents show them): a broken precedent file stops here as well.
  const packs = { rules: [...new Set([...(await ctx.defaultPacks()).rules, ...(opts.rules ?? [])])], builtin: opts.builtinRules };
  if (packs.rules.length > 0) await (await import('../../mcp/precedents-tool.js')).allPrecedents(knowledge, packs);
  const { serveStdio } = await import('../../mcp/server.js');
  await serveStdio(knowledge, { version: ctx.version, cwd: process.cwd(), log: (line) => ctx.err(`${line}\n`), packs });
  return 0;
}
