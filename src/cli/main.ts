/** The process edge: the only module that reads `process` and sets the exit code. */
import { toolVersion } from '../version.js';
import type { Io } from './io.js';
import { run } from './run.js';

// A reader that closes the pipe early (`| head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exitCode ??= 0;
  });
}

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Created on first use: most runs never read standard input.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
};

process.exitCode = await run(process.argv.slice(2), io, toolVersion());
