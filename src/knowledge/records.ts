/**
 * The precompiled knowledge as a lazy record store (start-up; see builtin.ts and the README's
 * performance section). A run reads every rule's condition and effects, but the texts only of the
 * rules that fire, the method cards only for their names, a few recipes and references. So the
 * build (toPrecompiled) splits each entry in two:
 *
 *   slim entry   only the keys every run reads for every entry (EAGER), in core.json & co.
 *   record       the whole entry, every key in its order, the eager ones as 0: one JSON text in
 *                dist/knowledge/records.json (a JSON array, one record a line), at byte offsets
 *                that core.json lists.
 *
 * At load, each slim entry goes behind a Proxy (RecordStore) that, on first use of any other key
 * (or of the list of keys), parses the entry's record (its byte range, read from the file in
 * place: io/ranges.ts) and makes the entry whole. It then is what assemble() made: the same keys
 * in the same order, the same values (JSON.stringify, spreads and Object.keys see no difference).
 *
 * Measured (the profile of `advise --json`): parsing all of core.json, methods.json, recipes.json
 * and references.json allocated ~1.3 MB of young objects and strings per run, two scavenges
 * (the young generation starts at 1 MB); see the README for the figures after.
 */
import { readRange } from '../io/ranges.js';

/** Per kind of entry, the keys every `advise` reads for every entry: the rest is read on first use. */
export const EAGER = {
  rules: new Set(['id', 'when', 'favor', 'disfavor', 'exclude', 'strategies', 'interpretability', 'whenPrimary', 'pack', 'override']),
  methods: new Set(['id', 'kind', 'name']),
  recipes: new Set(['id', 'model', 'when']),
  references: new Set(['id']),
} as const;

/** Slim entries and the number of each one's record (-1: the entry has only eager keys, and no record). */
export interface Slim<T> {
  entries: T[];
  records: number[];
}

type Entry = Record<string, unknown>;

/** For the build: collects the records and their byte offsets in records.json. */
export class RecordWriter {
  private readonly parts: string[] = [];
  /** Start and end byte of every record, in order: [start0, end0, start1, end1, ...]. */
  readonly offsets: number[] = [];
  private bytes = 2; // "[\n"

  /** The slim form of `entries`: their eager keys; the whole entries go to records. */
  slim<T extends object>(entries: readonly T[], eager: ReadonlySet<string>): Slim<T> {
    const slim: Slim<T> = { entries: [], records: [] };
    for (const entry of entries) {
      const keys = Object.entries(entry);
      if (keys.every(([k]) => eager.has(k))) {
        slim.entries.push(entry);
        slim.records.push(-1);
        continue;
      }
      slim.records.push(this.add(Object.fromEntries(keys.map(([k, v]) => [k, eager.has(k) ? 0 : v]))));
      slim.entries.push(Object.fromEntries(keys.filter(([k]) => eager.has(k))) as T);
    }
    return slim;
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

/**
 * At run time: slim entries behind a Proxy each, made whole on first use of a key that is not
 * eager (reading, writing, deleting, describing or testing it), or of the entry's list of keys.
 *
 * Why a Proxy: turning lazy keys into accessors (Object.defineProperty, ~1,400 keys for the rules
 * alone) measured 350 KB of young objects and more time than parsing the whole file; a Proxy is
 * one small object per entry, and a trap call per property read.
 */
export class RecordStore {
  /** Slim entries whose record is not read yet -> its number. */
  private readonly pending = new WeakMap<object, number>();
  private readonly handlers = new Map<ReadonlySet<string>, ProxyHandler<Entry>>();

  /** `file` and `offsets` are asked for on the first read only (a bundle may never read one). */
  constructor(
    private readonly file: () => string,
    private readonly offsets: () => readonly number[],
  ) {}

  /** The entries, each with a record behind a Proxy that reads it on first use. */
  lazy<T extends object>(slim: Slim<T>, eager: ReadonlySet<string>): T[] {
    const handler = this.handler(eager);
    return slim.entries.map((entry, i) => {
      const record = slim.records[i] ?? -1;
      if (record < 0) return entry;
      this.pending.set(entry, record);
      return new Proxy(entry as Entry, handler) as T;
    });
  }

  private handler(eager: ReadonlySet<string>): ProxyHandler<Entry> {
    let h = this.handlers.get(eager);
    if (h) return h;
    /** Makes `t` whole before `key` is used, unless `key` is eager (the slim entry has it, or the entry has not). */
    const whole = (t: Entry, key: string | symbol) => {
      if (typeof key === 'string' && !eager.has(key)) this.materialize(t, eager);
    };
    h = {
      get: (t, key) => {
        whole(t, key);
        return t[key as string];
      },
      has: (t, key) => {
        whole(t, key);
        return Reflect.has(t, key);
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
      ownKeys: (t) => {
        this.materialize(t, eager);
        return Reflect.ownKeys(t);
      },
    };
    this.handlers.set(eager, h);
    return h;
  }

  /**
   * The record's keys in their order, over the slim entry: eager keys keep the entry's values
   * (changed or deleted before the read as they were), keys added to it stay, after the rest.
   */
  private materialize(t: Entry, eager: ReadonlySet<string>): void {
    const i = this.pending.get(t);
    if (i === undefined) return;
    const o = this.offsets();
    const record = JSON.parse(readRange(this.file(), o[2 * i] ?? 0, o[2 * i + 1] ?? 0)) as Entry;
    // Only once read: a failed read leaves the entry pending (it throws again, never half made).
    this.pending.delete(t);
    const whole: Entry = {};
    for (const key in record) {
      if (!eager.has(key)) whole[key] = record[key];
      else if (Object.hasOwn(t, key)) whole[key] = t[key];
    }
    for (const key in t) if (!Object.hasOwn(whole, key)) whole[key] = t[key];
    for (const key in t) delete t[key];
    Object.assign(t, whole);
  }
}
