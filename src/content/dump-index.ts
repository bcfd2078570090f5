import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { ParsedDump } from "../enrich/index.ts";
import { dumpFacts, type Diagnostic, type Dump, type DumpFacts, type LineReport, type ParseResult } from "../model/index.ts";
import { parseDump } from "../parse/index.ts";
import { decodeDump, sidecarPaths } from "../read/index.ts";
import { openJournaledIndex, type JournaledRecords } from "./journaled-index.ts";
import { sameStamp, stampFile, trustedStamp, type FileStamp } from "./file-stamp.ts";
import { parserVersion, readCachedParseSync } from "./parse-cache.ts";

/**
 * The dump index: what reading and parsing each dump gave, by the dump's stamp (size,
 * modification time, inode) and its sidecar's. A build of a large archive then reads and hashes
 * only the dumps that changed: for the others it knows the sha256, the diagnostics and the parse
 * cache entry without opening them. Their text and parse are read on demand (the site's dump
 * pages). Derived and disposable: kept in .cache/, ignored when missing, damaged or written by
 * another parser version (reading and parsing decide everything it records).
 */
const INDEX_NAME = "dump-index";
/** Bump when the layout of the records changes. */
const FORMAT = 3;

export interface DumpRecord {
  stamp: FileStamp;
  /** The stamps of the two places its sidecar may be (null: no file there). */
  sidecars: [FileStamp | null, FileStamp | null];
  /** How readDump named the file in its diagnostics (relative to the working directory). */
  shown: string;
  dump: DumpFacts;
  /** What reading and parsing reported, in order. */
  diagnostics: Diagnostic[];
  /** Whether it was parsed (false: reading found an error, so it was not). */
  parsed: boolean;
  /** Articles the parser found. */
  articles: number;
  /** Lines the parser reported on, and its warnings and errors: what the dumps directory shows. */
  lines: number;
  warnings: number;
}

/** The stamps a dump's record is checked against. */
export interface DumpStamps {
  stamp: FileStamp | null;
  sidecars: [FileStamp | null, FileStamp | null];
}

/**
 * Stamps a dump and the places of its sidecar. `absent` may tell paths known not to exist (from a
 * listing of the folder), which are then not looked at: most dumps have no sidecar.
 */
export function stampDump(file: string, absent: (path: string) => boolean = () => false): DumpStamps {
  const [first, second] = sidecarPaths(file);
  const stamp = stampFile(file);
  const own = absent(first) ? null : stampFile(first);
  return { stamp, sidecars: [own, first === second ? own : absent(second) ? null : stampFile(second)] };
}

/**
 * Dumps are known by their path relative to the project's root (`seeds/x.txt`), so a project
 * moved or cloned elsewhere with its .cache/ keeps its index: a moved file keeps its stamp.
 */
export class DumpIndex {
  readonly #next: Map<string, DumpRecord>;
  /** Dumps looked up or stored in this run (the others are checked for existence on save). */
  readonly #seen = new Set<string>();

  private constructor(
    private readonly stored: JournaledRecords<DumpRecord>,
    private readonly root: string,
  ) {
    this.#next = new Map(stored.records);
  }

  /** `root`: the project's folder, which the index's keys are relative to. */
  static async open(cacheDir: string, root: string): Promise<DumpIndex> {
    return new DumpIndex(await openJournaledIndex<DumpRecord>(cacheDir, INDEX_NAME, version()), resolve(root));
  }

  #key(file: string): string {
    return relative(this.root, resolve(file)).split(sep).join("/");
  }

  /** What reading the dump `file` gave, when its stamps are those recorded and can be trusted. */
  lookup(file: string, stamps: DumpStamps, shown: string): DumpRecord | undefined {
    const key = this.#key(file);
    this.#seen.add(key);
    const record = this.stored.records.get(key);
    if (!record || record.shown !== shown || !stamps.stamp) return undefined;
    const writtenMs = this.stored.writtenMs(key);
    if (!sameStamp(record.stamp, stamps.stamp) || !trustedStamp(record.stamp, writtenMs)) return undefined;
    for (const [i, sidecar] of stamps.sidecars.entries()) {
      const known = record.sidecars[i];
      if (!sameStamp(known, sidecar) || (sidecar && !trustedStamp(sidecar, writtenMs))) return undefined;
    }
    return record;
  }

  /** Records what reading a dump gave; `stamps` were taken before it was read. */
  store(file: string, stamps: DumpStamps, shown: string, dump: Dump, diagnostics: readonly Diagnostic[], parsed: ParsedDump | undefined): void {
    const key = this.#key(file);
    this.#seen.add(key);
    if (!stamps.stamp) return;
    this.#next.set(key, {
      stamp: stamps.stamp,
      sidecars: stamps.sidecars,
      shown,
      dump: dumpFacts(dump),
      diagnostics: [...diagnostics],
      parsed: parsed !== undefined,
      articles: parsed === undefined ? 0 : (parsed.articleCount ?? parsed.result.articles.length),
      lines: parsed === undefined ? 0 : (parsed.lineCount ?? parsed.result.lines.length),
      warnings: parsed === undefined ? 0 : (parsed.warningCount ?? parseWarnings(parsed.result)),
    });
  }

  /** The record stored for a dump in this run, if any. */
  recordOf(file: string): DumpRecord | undefined {
    return this.#next.get(this.#key(file));
  }

  /** Forgets a dump (it could not be read or parsed: it is read again next time). */
  forget(file: string): void {
    this.#next.delete(this.#key(file));
  }

  /** Writes what changed, without the records of dumps that are gone. */
  async save(): Promise<void> {
    for (const key of this.#next.keys()) {
      if (!this.#seen.has(key) && stampFile(resolve(this.root, key)) === null) this.#next.delete(key);
    }
    await this.stored.save(this.#next);
  }
}

function version(): string {
  return `${FORMAT}-${parserVersion()}`;
}

/**
 * A dump known from its record, whose text is read when first asked for. Its fields come in the
 * order readDump gives them, so it prints and compares like a dump just read.
 */
export function dumpFromRecord(path: string, record: DumpRecord): Dump {
  const { name, id, sha256, format, encoding, encodingBy, diagnostics, meta } = record.dump;
  const dump: Dump = {
    name,
    id,
    sha256,
    format,
    encoding,
    encodingBy,
    // Read on each use, not kept: a build of a large archive reads every dump once (its page)
    // and would otherwise end up holding them all. The same decoding as readDump (the sidecar
    // does not change the text).
    get text(): string {
      return decodeDump(readFileSync(path), name, record.shown).text;
    },
    diagnostics: [...diagnostics],
  };
  if (meta !== undefined) dump.meta = meta;
  return dump;
}

/**
 * A parsed dump known from its record: the parse is taken from the parse cache when first asked
 * for (and parsed again from the text if the cache lost it).
 */
export function parsedFromRecord(dump: Dump, record: DumpRecord, cacheDir: string, known?: Omit<ParseResult, "lines">): ParsedDump {
  return parseOnDemand(dump, cacheDir, known, { articles: record.articles, lines: record.lines, warnings: record.warnings });
}

/**
 * A dump's parse as a ParsedDump that holds no more than it must: with `known` (its articles and
 * diagnostics, as enrichment reads them all), only the line reports are read back from the parse
 * cache when asked for; without, the whole parse is. What is read back is kept only while in
 * use elsewhere: a build reads every dump's parse once (its page), and holding them all would
 * make memory grow with the archive. (Spreading it would call `result`: copy fields by name.)
 */
export function parseOnDemand(
  dump: Dump,
  cacheDir: string,
  known: Omit<ParseResult, "lines"> | undefined,
  counts: { articles: number; lines: number; warnings: number },
): ParsedDump {
  let held: WeakRef<ParseResult> | undefined;
  const full = (): ParseResult => {
    let result = held?.deref();
    if (result === undefined) {
      result = readCachedParseSync(dump, cacheDir) ?? parseDump(dump);
      held = new WeakRef(result);
    }
    return result;
  };
  const lean: ParseResult | undefined =
    known === undefined
      ? undefined
      : {
          articles: known.articles,
          get lines(): LineReport[] {
            return full().lines;
          },
          diagnostics: known.diagnostics,
        };
  return {
    dump,
    get result(): ParseResult {
      return lean ?? full();
    },
    articleCount: counts.articles,
    lineCount: counts.lines,
    warningCount: counts.warnings,
  };
}

/** The parser's warnings and errors on a dump (its notes at level info left out). */
export function parseWarnings(result: Pick<ParseResult, "diagnostics">): number {
  return result.diagnostics.filter((d) => d.level !== "info").length;
}
