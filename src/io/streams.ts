/** The streams and environment a command may touch; tests pass fakes. */
export interface Out {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface In extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
}

export interface Io {
  stdout: Out;
  stderr: Out;
  stdin: In;
  env: Record<string, string | undefined>;
  /** The working directory (where .dl-advisor.yaml is looked for); default: the process's. */
  cwd?: string;
  /** Node's version, for `--version` (process.version). */
  node?: string;
}

/** Read all of stdin, refusing more than `limit` bytes. */
export async function readAll(stdin: In, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > limit) return undefined;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
