/**
 * `dl-advisor mcp`: the advisor as a Model Context Protocol server on stdio, built on the official
 * SDK's low-level Server (the tool table in tools.ts brings its own JSON Schemas, generated from
 * the zod schemas the CLI uses, so the SDK's zod-shape helpers are not needed).
 *
 * stdout carries only protocol messages; diagnostics go to stderr. A bad call is a tool error
 * (isError: true) with the CLI's message, and the server keeps serving.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { formatProblem, UserError } from '../errors.js';
import type { Knowledge } from '../knowledge/assemble.js';
import { renderMethodMarkdown } from '../render/method.js';
import { walkthroughPrompt } from './prompt.js';
import { type Packs, type Tool, tools } from './tools.js';

const METHOD_URI = 'dl-advisor://methods/';

export interface ServeOptions {
  version: string;
  cwd: string;
  /** Where diagnostics go (never stdout). */
  log: (line: string) => void;
  /** The rule packs the knowledge was loaded from: advise and precedents include their precedents. */
  packs?: Packs;
}

/** The server for one loaded knowledge, not yet connected to a transport. */
export function createServer(k: Knowledge, options: ServeOptions): Server {
  const table = tools(k, options.cwd, options.packs);
  const byName = new Map(table.map((t) => [t.name, t]));
  const server = new Server(
    { name: 'dl-advisor', title: 'dl-advisor: which method should I try first?', version: options.version },
    {
      capabilities: { tools: {}, resources: {}, prompts: {} },
      instructions:
        'dl-advisor recommends which machine-learning method a scientist should try first, with published sources for every statement. Call `questions` to learn what to ask, `advise` with the answers (or `inspect`/`advise` with a data path), and `methods` for a method card. Quote its sources; do not add references of your own.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: table.map(({ name, title, description, inputSchema, outputSchema }) => ({
      name,
      title,
      description,
      inputSchema,
      ...(outputSchema ? { outputSchema } : {}),
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => callTool(byName, request.params.name, request.params.arguments, options));
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: k.methods.map((m) => ({
      uri: `${METHOD_URI}${m.id}`,
      name: m.id,
      title: m.name,
      description: `Method card: ${m.name} (${m.kind})`,
      mimeType: 'text/markdown',
    })),
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [
      {
        uriTemplate: `${METHOD_URI}{id}`,
        name: 'method-card',
        title: 'Method card',
        description: 'A method card by id (see the methods tool).',
        mimeType: 'text/markdown',
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const uri = request.params.uri;
    const id = uri.startsWith(METHOD_URI) ? uri.slice(METHOD_URI.length) : undefined;
    const method = k.methods.find((m) => m.id === id);
    if (!method) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `unknown resource "${uri}"; resources are ${METHOD_URI}{id} with id one of: ${k.methods.map((m) => m.id).join(', ')}`,
      );
    }
    return { contents: [{ uri, mimeType: 'text/markdown', text: renderMethodMarkdown(method) }] };
  });
  server.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: [
      {
        name: 'walkthrough',
        title: 'Which method should I try first?',
        description: "Walk the user through dl-advisor's questions, then give its recommendation.",
        arguments: [{ name: 'problem', description: "The user's problem in their own words (optional).", required: false }],
      },
    ],
  }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => {
    if (request.params.name !== 'walkthrough') throw new McpError(ErrorCode.InvalidParams, `unknown prompt "${request.params.name}"; prompts: walkthrough`);
    return walkthroughPrompt(k.questions, request.params.arguments?.problem);
  });
  return server;
}

async function callTool(byName: Map<string, Tool>, name: string, args: Record<string, unknown> | undefined, options: ServeOptions): Promise<CallToolResult> {
  const tool = byName.get(name);
  if (!tool) return failure(`unknown tool "${name}"; tools: ${[...byName.keys()].join(', ')}`);
  try {
    const { structured, text } = await tool.call(args ?? {});
    return { content: [{ type: 'text', text }], structuredContent: structured };
  } catch (e) {
    if (e instanceof UserError) return failure(e.problems.map(formatProblem).join('\n'));
    // A bug: the client gets a one-line message, the server log the stack, and the server goes on.
    options.log(`dl-advisor mcp: internal error in ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return failure(`internal error in dl-advisor (${e instanceof Error ? e.message : String(e)}); please report it`);
  }
}

const failure = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

/** Serve on stdin/stdout until the client closes stdin. */
export async function serveStdio(k: Knowledge, options: ServeOptions): Promise<void> {
  const server = createServer(k, options);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    server.onclose = () => done();
    process.stdin.once('end', () => void server.close().then(done, done));
  });
  server.onerror = (e) => options.log(`dl-advisor mcp: ${e.message}`);
  await server.connect(transport);
  options.log(`dl-advisor mcp ${options.version}: serving on stdio (${k.rules.length} rules, ${k.methods.length} methods)`);
  await closed;
}
