/**
 * The process edge: the only module that reads `process` and sets the exit code.
 *
 * Start-up (see bench/startup.ts): this module is all of `dl-advisor --version` (the bundle
 * inlines the version), so it imports nothing else statically; everything else loads through
 * run.js (measured: `--version` went from 1.8x to 1.05x the time of `node -e 0`). It also
 * creates no stream that a run does not need: see `output` and `input` below.
 */
import { fstatSync, type Stats, statSync, writeSync } from 'node:fs';
import type { In, Io, Out } from '../io/streams.js';
import { builtKnowledge, isVersionRequest, toolVersion, versionText } from '../version.js';

/** A reader that closes the pipe early (`| head -1`) is not an error. */
function ignoreEpipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exitCode ??= 0;
  });
  return stream;
}

/**
 * Standard output or error. A pipe, a socket (what Node's child_process gives a child) or a
 * file is written with writeSync on the descriptor, as Node's stream does there on POSIX, but
 * without creating the stream: for a pipe that loads `net` and the stream machinery, ~2.5 ms
 * and ~2 MB of a ~90 ms run (measured with `process.stdout` alone). /dev/null (`> /dev/null`,
 * as scripts and benchmarks run it) is written so too: its stream loads node:stream (~160 KB
 * of allocations, measured). Anything else (a terminal: colours, width, prompts) gets Node's
 * stream. fstat, not tty.isatty: node:tty loads `net` itself. If the descriptor refuses a synchronous write (EAGAIN: a non-blocking pipe
 * inherited from the parent), the rest goes through Node's stream, in order.
 */
function output(fd: 1 | 2, stream: () => NodeJS.WriteStream): Out {
  const st = stat(fd);
  if (!isPipeLike(st) && !(st?.isCharacterDevice() && isDevNull(st))) return ignoreEpipe(stream());
  let fallback: NodeJS.WriteStream | undefined;
  let closed = false;
  return {
    isTTY: false,
    write(text: string) {
      if (closed) return;
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text);
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        if (code !== 'EAGAIN') throw e;
        fallback = ignoreEpipe(stream());
        fallback.write(bytes.subarray(done));
      }
    },
  };
}

/** undefined for a closed descriptor (or odd): Node's stream then decides. */
function stat(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/** A pipe, a socket or a regular file: never a terminal, and written synchronously by Node. */
function isPipeLike(st: Stats | undefined): boolean {
  return Boolean(st && (st.isFIFO() || st.isSocket() || st.isFile()));
}

/**
 * Standard input. Commands ask whether it is a terminal (may we prompt?) far more often than
 * they read it (`--answers -`), and creating process.stdin costs ~1.5 ms (it loads the stream
 * machinery: fs.ReadStream for /dev/null, net.Socket for a pipe). When fd 0 is a pipe, a
 * socket, a file or /dev/null it cannot be a terminal, so this answers isTTY itself and creates
 * Node's stream only to read it. A terminal (or anything else) gets Node's stream at once.
 */
function input(): In {
  const st = stat(0);
  if (!isPipeLike(st) && !(st?.isCharacterDevice() && isDevNull(st))) return process.stdin;
  return { isTTY: false, [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() };
}

function isDevNull(st: Stats): boolean {
  try {
    return st.rdev === statSync('/dev/null').rdev;
  } catch {
    return false; // no /dev/null (Windows)
  }
}

const stdout = output(1, () => process.stdout);
const argv = process.argv.slice(2);
// The built knowledge is counted by the build; from source (tsx), run.ts counts it.
const counted = isVersionRequest(argv) ? builtKnowledge() : undefined;
if (counted) {
  stdout.write(versionText(toolVersion(), process.version, counted));
} else {
  const io: Io = {
    stdout,
    stderr: output(2, () => process.stderr),
    // Made on first use: most runs never look at standard input.
    get stdin() {
      const stdin = input();
      Object.defineProperty(this, 'stdin', { value: stdin });
      return stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    node: process.version,
  };
  // No top-level await: the package's entry loads this module as CommonJS (dist/cli.cjs, see
  // scripts/build.ts), which has none. run() reports every error itself.
  void import('./run.js')
    .then(({ run }) => run(argv, io, toolVersion()))
    .then((code) => {
      process.exitCode = code;
      exitIfIdle(code);
    });
}

/**
 * Ends the process at once when nothing would keep it running: no handle, timer or request is
 * active, so the event loop would end next anyway. Left to the event loop, the process first
 * runs the idle-time tasks V8 has queued: after `advise --format json` that is a collection of
 * the young generation (`node --trace-gc` shows "Scavenge ... task": 1.2-2 ms of a ~25 ms run,
 * measured), of no use to a process that is about to exit. Nothing written is lost: pipes,
 * files and /dev/null are written synchronously (see `output`), and a terminal's stream or a
 * pending write is an active resource, in which case the process ends as usual.
 */
function exitIfIdle(code: number): void {
  if (process.getActiveResourcesInfo().length === 0) process.exit(code);
}
