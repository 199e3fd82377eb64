/**
 * The precompiled knowledge as a lazy record store (start-up; see builtin.ts and the README's
 * performance section). A run reads every rule's condition and effects, but the texts only of the
 * rules that fire, the method cards only for their names, a few recipes and references. So the
 * build (toPrecompiled) splits each entry in two:
 *
 *   slim entry   the keys every run reads for every entry (EAGER), in core.json & co. Every other
 *                key is still there, in its place, holding the number of the entry's record.
 *   record       the values of those other keys, one JSON text in dist/knowledge/records.json
 *                (a JSON array, one record a line), at byte offsets that core.json lists.
 *
 * At load, each slim entry goes behind a Proxy (RecordStore) that, on first use of a lazy key,
 * parses the entry's record (from the file, read once into a Buffer outside the JS heap) over the
 * placeholders. The entry then is what assemble() made: the same keys in the same order, the same
 * values (JSON.stringify, spreads and Object.keys see no difference).
 *
 * Measured (the profile of `advise --json`): parsing all of core.json, methods.json, recipes.json
 * and references.json allocated ~1.3 MB of young objects and strings per run, two scavenges
 * (the young generation starts at 1 MB); see the README for the figures after.
 */
import { readFileSync } from 'node:fs';

/** Per kind of entry, the keys every `advise` reads for every entry: the rest is read on first use. */
export const EAGER = {
  rules: new Set(['id', 'when', 'favor', 'disfavor', 'exclude', 'strategies', 'interpretability', 'whenPrimary', 'pack', 'override']),
  methods: new Set(['id', 'kind', 'name']),
  recipes: new Set(['id', 'model', 'when']),
  references: new Set(['id']),
} as const;

/** For the build: collects the records and their byte offsets in records.json. */
export class RecordWriter {
  private readonly parts: string[] = [];
  /** Start and end byte of every record, in order: [start0, end0, start1, end1, ...]. */
  readonly offsets: number[] = [];
  private bytes = 2; // "[\n"

  /** The slim form of `entry`: its eager keys as they are, each other key the number of its record. */
  slim<T extends object>(entry: T, eager: ReadonlySet<string>): T {
    const entries = Object.entries(entry);
    const lazy = entries.filter(([k]) => !eager.has(k));
    if (lazy.length === 0) return entry;
    const i = this.add(Object.fromEntries(lazy));
    return Object.fromEntries(entries.map(([k, v]) => [k, eager.has(k) ? v : i])) as T;
  }

  private add(record: object): number {
    const text = JSON.stringify(record);
    if (this.parts.length > 0) this.bytes += 2; // ",\n"
    const length = Buffer.byteLength(text);
    this.offsets.push(this.bytes, this.bytes + length);
    this.bytes += length;
    this.parts.push(text);
    return this.parts.length - 1;
  }

  /** records.json: a JSON array, one record a line. */
  text(): string {
    return `[\n${this.parts.join(',\n')}\n]\n`;
  }
}

type Entry = Record<string, unknown>;

/**
 * At run time: slim entries behind a Proxy each, made whole on first use of a lazy key. The slim
 * entry (the Proxy's target) keeps every key in its place, so its keys and their order are the
 * whole entry's; reading, writing, deleting or describing a lazy key first writes the record's
 * values over the placeholders (plain data properties, as JSON.parse made them).
 *
 * Why a Proxy: turning the lazy keys into accessors (Object.defineProperty, ~1,400 keys for the
 * rules alone) measured 350 KB of young objects and more time than parsing the whole file; a
 * Proxy is one small object per entry, and a trap call per property read (~0.3 ms per `advise`).
 */
export class RecordStore {
  private bytes: Buffer | undefined;
  /** Slim entries whose record is not read yet -> its number. */
  private readonly pending = new WeakMap<object, number>();
  private readonly handlers = new Map<ReadonlySet<string>, ProxyHandler<Entry>>();

  constructor(
    private readonly file: string,
    private readonly offsets: () => readonly number[],
  ) {}

  /** Each entry whose slim form has lazy keys, behind a Proxy that reads its record on first use. */
  lazy<T extends object>(entries: T[], eager: ReadonlySet<string>): T[] {
    const handler = this.handler(eager);
    return entries.map((entry) => {
      // for-in, not Object.keys: no array of keys per entry (the slim entries are plain objects).
      for (const key in entry) {
        if (eager.has(key)) continue;
        this.pending.set(entry, (entry as Entry)[key] as number);
        return new Proxy(entry as Entry, handler) as T;
      }
      return entry;
    });
  }

  private handler(eager: ReadonlySet<string>): ProxyHandler<Entry> {
    let h = this.handlers.get(eager);
    if (h) return h;
    /** Makes `t` whole before `key` is used, if `key` is one of its lazy keys. */
    const whole = (t: Entry, key: string | symbol) => {
      if (typeof key === 'string' && !eager.has(key) && this.pending.has(t) && Object.hasOwn(t, key)) this.materialize(t);
    };
    h = {
      get: (t, key) => {
        whole(t, key);
        return t[key as string];
      },
      set: (t, key, value) => {
        whole(t, key);
        return Reflect.set(t, key, value);
      },
      deleteProperty: (t, key) => {
        whole(t, key);
        return Reflect.deleteProperty(t, key);
      },
      defineProperty: (t, key, d) => {
        whole(t, key);
        return Reflect.defineProperty(t, key, d);
      },
      getOwnPropertyDescriptor: (t, key) => {
        whole(t, key);
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
    };
    this.handlers.set(eager, h);
    return h;
  }

  private materialize(t: Entry): void {
    const i = this.pending.get(t);
    if (i === undefined) return;
    this.bytes ??= readFileSync(this.file);
    const o = this.offsets();
    const record = JSON.parse(this.bytes.toString('utf8', o[2 * i], o[2 * i + 1])) as Entry;
    // Only once read: a failed read leaves the entry pending (it throws again, never a placeholder).
    this.pending.delete(t);
    Object.assign(t, record);
  }
}
