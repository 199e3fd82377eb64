/**
 * A tiny WebAssembly assembler: just enough to write the CSV scanning kernel (csv-kernel.ts)
 * as readable folded expressions in TypeScript, without a toolchain or a binary blob in the
 * repository. Each helper returns the bytes of one instruction with its operands first
 * (operands are pushed, then the operator), so `add(get('a'), i32(1))` reads like WAT.
 */
export type Code = number[];

const uleb = (value: number): Code => {
  const out: Code = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

const sleb = (value: number | bigint): Code => {
  let n = BigInt(value);
  const out: Code = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
};

const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
const name = (s: string): Code => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: Code): Code => [id, ...uleb(body.length), ...body];
const seq = (parts: Code[]): Code => parts.flat();
const op =
  (...opcode: number[]) =>
  (...operands: Code[]): Code => [...seq(operands), ...opcode];
const memarg = (align: number, offset = 0): Code => [align, ...uleb(offset)];

export const T = { i32: 0x7f, i64: 0x7e, v128: 0x7b } as const;
export type ValType = (typeof T)[keyof typeof T];

/**
 * Instructions. Loads and stores take the address (plus value) as operands, and a constant
 * offset (V8 folds it into the x64 address, where an i32.add before is one more instruction).
 */
export const I = {
  i32: (n: number): Code => [0x41, ...sleb(n | 0)],
  i64: (n: number | bigint): Code => [0x42, ...sleb(BigInt.asIntN(64, BigInt(n)))],
  load8: (addr: Code, offset = 0): Code => [...addr, 0x2d, ...memarg(0, offset)],
  load16: (addr: Code, offset = 0): Code => [...addr, 0x2f, ...memarg(0, offset)],
  load32: (addr: Code, offset = 0): Code => [...addr, 0x28, ...memarg(2, offset)],
  load64: (addr: Code, offset = 0): Code => [...addr, 0x29, ...memarg(3, offset)],
  store32: (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x36, ...memarg(2, offset)],
  store64: (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x37, ...memarg(3, offset)],
  eqz: op(0x45),
  eq: op(0x46),
  ne: op(0x47),
  ltS: op(0x48),
  ltU: op(0x49),
  gtS: op(0x4a),
  gtU: op(0x4b),
  leS: op(0x4c),
  leU: op(0x4d),
  geS: op(0x4e),
  geU: op(0x4f),
  add: op(0x6a),
  sub: op(0x6b),
  mul: op(0x6c),
  and: op(0x71),
  or: op(0x72),
  shl: op(0x74),
  shrU: op(0x76),
  i64eqz: op(0x50),
  i64eq: op(0x51),
  i64ne: op(0x52),
  clz64: op(0x79),
  ctz64: op(0x7a),
  popcnt64: op(0x7b),
  add64: op(0x7c),
  sub64: op(0x7d),
  mul64: op(0x7e),
  and64: op(0x83),
  or64: op(0x84),
  xor64: op(0x85),
  shl64: op(0x86),
  shrS64: op(0x87),
  shrU64: op(0x88),
  rotl64: op(0x89),
  wrap: op(0xa7),
  extendU: op(0xad),
  select: op(0x1b),
  /** v128.load of 16 bytes at addr + offset. */
  load128: (addr: Code, offset: number): Code => [...addr, 0xfd, 0x00, ...memarg(4, offset)],
  splat8: op(0xfd, 0x0f),
  eq8: op(0xfd, 0x23),
  bitmask8: op(0xfd, 0x64),
  or128: op(0xfd, 0x50),
  block: (...body: Code[]): Code => [0x02, 0x40, ...seq(body), 0x0b],
  loop: (...body: Code[]): Code => [0x03, 0x40, ...seq(body), 0x0b],
  if: (cond: Code, then: Code[], otherwise: Code[] = []): Code => [
    ...cond,
    0x04,
    0x40,
    ...seq(then),
    ...(otherwise.length > 0 ? [0x05, ...seq(otherwise)] : []),
    0x0b,
  ],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number, cond: Code): Code => [...cond, 0x0d, ...uleb(depth)],
  /** A call of the module's function number `index` (the order of assemble's `funcs`). */
  call: (index: number, ...args: Code[]): Code => [...seq(args), 0x10, ...uleb(index)],
};

/** A function with named parameters and locals. */
export class Func {
  private readonly index = new Map<string, number>();
  private readonly localTypes: ValType[] = [];
  body: Code[] = [];

  constructor(
    readonly params: Array<[string, ValType]>,
    readonly result: ValType | undefined,
    locals: Array<[string, ValType]>,
  ) {
    for (const [n] of params) this.index.set(n, this.index.size);
    for (const [n, t] of locals) {
      this.index.set(n, this.index.size);
      this.localTypes.push(t);
    }
  }

  private at(n: string): Code {
    const i = this.index.get(n);
    if (i === undefined) throw new Error(`wasm: unknown local ${n}`);
    return uleb(i);
  }

  get = (n: string): Code => [0x20, ...this.at(n)];
  set = (n: string, value: Code): Code => [...value, 0x21, ...this.at(n)];
  /** local += delta (i32). */
  inc = (n: string, delta: Code = I.i32(1)): Code => this.set(n, I.add(this.get(n), delta));

  encode(): Code {
    const locals = vec(this.localTypes.map((t) => [1, t]));
    const code = [...locals, ...seq(this.body), 0x0b];
    return [...uleb(code.length), ...code];
  }

  signature(): Code {
    return [0x60, ...vec(this.params.map(([, t]) => [t])), ...vec(this.result === undefined ? [] : [[this.result]])];
  }
}

/**
 * A module with one exported memory (`memory`), initialized with `data` ([address, bytes]), and
 * the given functions, of which `exported` are exported.
 */
export function assemble(pages: number, funcs: Record<string, Func>, exported = Object.keys(funcs), data: Array<[number, number[]]> = []): Uint8Array {
  const list = Object.entries(funcs);
  const exports = list.flatMap(([n], i) => (exported.includes(n) ? [[...name(n), 0x00, ...uleb(i)]] : []));
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(list.map(([, f]) => f.signature()))),
    ...section(3, vec(list.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0x00], ...exports])),
    ...section(10, vec(list.map(([, f]) => f.encode()))),
    ...(data.length > 0 ? section(11, vec(data.map(([at, b]) => [0x00, ...I.i32(at), 0x0b, ...vec(b.map((x) => [x]))]))) : []),
  ];
  return new Uint8Array(bytes);
}
