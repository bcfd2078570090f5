import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { summaryKey } from "../enrich/duplicates.ts";
import { digestOfBody, knowBodyDigest, knowRecordDigest, type Article, type Diagnostic } from "../model/index.ts";
import { sameStamp, trustedStamp, type FileStamp } from "./file-stamp.ts";
import { openJournaledIndex, type JournaledRecords } from "./journaled-index.ts";
import { bodyOffsetOf, normalizeContentText, type ParsedContentFile } from "./parse-file.ts";
import type { ContentEntry } from "./schema.ts";
import { normalizeBody } from "./serialize.ts";
import { sourceVersion } from "./source-version.ts";
import { ownStrings } from "../string-copies.ts";

/**
 * The content index: what reading each content file gave last time, by the file's stamp (size,
 * modification time, inode) and by a hash of its text. A file whose stamp is unchanged is not
 * read at all (its body is read when first asked for); one whose stamp changed is read, and
 * parsed only when its text changed too. Ingest records the files it writes, so the build that
 * follows reads none of them. It holds everything but the body, which is cut from the file's
 * text at the offset recorded. Derived and disposable: it lives in .cache/ and is rebuilt when
 * missing, damaged, or made by other code.
 */
const INDEX_NAME = "content-index";

/** The code whose behaviour the index records: reading content files and the record schema. */
const codeFolders = ["./", "../model/"].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

/** The digest of the record read from a text with this key (see knowRecordDigest): the code reading it is part of it. */
const recordDigestOf = (key: string): string => `${sourceVersion(codeFolders)}:${key}`;

interface IndexedEntry {
  article: Omit<Article, "body">;
  draft: boolean;
  generated?: string;
  edited: boolean;
}

interface IndexRecord {
  key: string;
  /** The file's stamp when it had this text (absent: not known). */
  stamp?: FileStamp;
  bodyOffset?: number;
  entry?: IndexedEntry;
  /** The sha256 of the entry's body as read (see model/body-digest.ts). */
  bodyDigest?: string;
  /** Enrichment's summary key of the entry's headline and body (see EnrichOptions.summaryKeyOf). */
  summary?: string;
  diagnostics: Diagnostic[];
}

export class ContentIndex {
  private readonly next = new Map<string, IndexRecord>();

  private constructor(
    private readonly stored: JournaledRecords<IndexRecord>,
    private readonly previous: ReadonlyMap<string, IndexRecord> = stored.records,
  ) {}

  static async open(cacheDir: string): Promise<ContentIndex> {
    return new ContentIndex(await openJournaledIndex<IndexRecord>(cacheDir, INDEX_NAME, sourceVersion(codeFolders)));
  }

  /** The key of a file's text as read (with the name diagnostics give it, which they contain). */
  static keyOf(raw: string, displayPath: string): string {
    return createHash("sha256").update(displayPath).update("\0").update(raw).digest("hex");
  }

  /**
   * What reading the file gave last time, when its stamp is the one recorded then (and old enough
   * to be trusted) and it was named `shown` then; else undefined. The file is not read: the
   * entry's body is read from `absolute` when first asked for.
   */
  recall(path: string, stamp: FileStamp, absolute: string, shown: string): ParsedContentFile | undefined {
    const record = this.previous.get(path);
    if (!record?.stamp || !sameStamp(record.stamp, stamp) || !trustedStamp(record.stamp, this.stored.writtenMs(path))) return undefined;
    // The key covers the name diagnostics give the file: the same file named otherwise is read again.
    if (record.diagnostics.some((d) => d.file !== shown)) return undefined;
    this.next.set(path, record);
    if (!record.entry || record.bodyOffset === undefined) return { diagnostics: record.diagnostics };
    const size = record.stamp.size;
    const body = bodyReadAgain(absolute, shown, record.bodyOffset, (bytes) => bytes.byteLength === size);
    return { entry: entryOf(path, record.entry, body, record.bodyDigest, record.key), diagnostics: record.diagnostics, bodyOffset: record.bodyOffset };
  }

  /**
   * What reading the file gave last time, when its text (`raw`, just read from `absolute`) is the
   * same; else undefined. The entry's body is read from the file again when asked for (see readLater).
   */
  lookup(path: string, key: string, raw: string, absolute: string, shown: string, stamp?: FileStamp): ParsedContentFile | undefined {
    const record = this.previous.get(path);
    if (!record || record.key !== key) return undefined;
    // A stamp that changed, or one too new to trust now checked against the text, is written
    // again: then the index is newer than it.
    this.next.set(path, stamp ? { ...record, stamp } : record);
    if (!record.entry || record.bodyOffset === undefined) return { diagnostics: record.diagnostics };
    const digest = record.bodyDigest ?? digestOfBody(normalizeBody(normalizeContentText(raw).slice(record.bodyOffset)));
    return { entry: readLater(path, record.entry, absolute, shown, record.bodyOffset, digest, key), diagnostics: record.diagnostics, bodyOffset: record.bodyOffset };
  }

  /**
   * Records what reading a changed or new file gave (`stamp`: the file's, taken before it was
   * read), and gives it back with the entry's body read from `absolute` again when asked for.
   */
  store(path: string, key: string, parsed: ParsedContentFile, absolute: string, shown: string, stamp?: FileStamp): ParsedContentFile {
    // The fields parsed are cut from the file's text, and would keep it all (body included) alive.
    const record: IndexRecord = { key, diagnostics: ownStrings(parsed.diagnostics) };
    if (stamp) record.stamp = stamp;
    this.next.set(path, record);
    if (!parsed.entry || parsed.bodyOffset === undefined) return parsed;
    const entry = ownStrings(indexedEntryOf(parsed.entry));
    record.entry = entry;
    record.bodyOffset = parsed.bodyOffset;
    record.bodyDigest = digestOfBody(parsed.entry.article.body);
    record.summary = summaryOf(parsed.entry.article);
    return { ...parsed, entry: readLater(path, entry, absolute, shown, parsed.bodyOffset, record.bodyDigest, key) };
  }

  /**
   * Records a file ingest has just written (to `absolute`) from `entry`: what parsing it would
   * give is known, so the next load neither parses nor reads it. `stamp` is the file's after the
   * write. Gives the entry back with its body read from the file again when asked for (see
   * readLater), or the entry as it is when the file's body cannot be found.
   */
  written(entry: ContentEntry, text: string, absolute: string, shown: string, stamp: FileStamp | null): ContentEntry {
    const bodyOffset = bodyOffsetOf(text);
    if (bodyOffset === undefined) {
      this.forget(entry.path);
      return entry;
    }
    // Kept for the rest of the run: no field may hold on to the text it was cut from (a dump's).
    const indexed = ownStrings(indexedEntryOf(entry));
    // The digest of the body as reading the file back gives it, which is what later builds see.
    const bodyDigest = digestOfBody(normalizeBody(normalizeContentText(text).slice(bodyOffset)));
    const record: IndexRecord = { key: ContentIndex.keyOf(text, shown), bodyOffset, entry: indexed, bodyDigest, summary: summaryOf(entry.article), diagnostics: [] };
    if (stamp) record.stamp = stamp;
    this.next.set(entry.path, record);
    return readLater(entry.path, indexed, absolute, shown, bodyOffset, bodyDigest, record.key);
  }

  /** The summary key of the entry at `path` as this load or ingest left it (undefined: not known). */
  summaryKeyOf(path: string): string | undefined {
    return this.next.get(path)?.summary;
  }

  /** Forgets a file (removed from content/). */
  forget(path: string): void {
    this.next.delete(path);
  }

  /** Writes what changed (files added, edited or removed). */
  async save(): Promise<void> {
    await this.stored.save(this.next);
  }
}

/** The summary key of a record as enrichment computes it for an existing record: headline, NUL, body as read. */
function summaryOf(article: Article): string {
  return summaryKey(`${article.headline}\u0000${normalizeBody(article.body)}`);
}

/** What the index keeps of an entry: everything but the body. */
function indexedEntryOf(entry: ContentEntry): IndexedEntry {
  const { body: _body, ...article } = entry.article;
  void _body;
  const indexed: IndexedEntry = { article, draft: entry.draft, edited: entry.edited };
  if (entry.generated !== undefined) indexed.generated = entry.generated;
  return indexed;
}

/**
 * An entry read (or written) in this run that does not hold its body: the body is read from the
 * file again when asked for, like an unchanged file's (bodyReadAgain), and checked against the
 * digest of the body as first read, so that a file changed meanwhile is an error, never another
 * body. A build with no content index (a fresh clone, the first after an upgrade) reads every
 * file: holding the bodies, and the texts the fields were cut from (see store), took the first
 * build of 64k articles to 2.4–2.7 GiB; without, 1.8 GiB.
 */
function readLater(path: string, indexed: IndexedEntry, absolute: string, shown: string, bodyOffset: number, digest: string, key: string): ContentEntry {
  return entryOf(path, indexed, bodyReadAgain(absolute, shown, bodyOffset, (_bytes, body) => digestOfBody(body) === digest), digest, key);
}

/**
 * The body of a file, read from it when first asked for and held only while among the bodies read
 * last (RecentBodies), not for the life of the entry: a build that reads every body (a first
 * build of a large archive) would otherwise hold them all. `unchanged` tells whether the file is
 * still the one indexed.
 */
function bodyReadAgain(absolute: string, shown: string, bodyOffset: number, unchanged: (bytes: Buffer, body: string) => boolean): () => string {
  let held: string | undefined;
  const forget = (): void => {
    held = undefined;
  };
  return () => {
    if (held === undefined) {
      held = bodyFromFile(absolute, shown, bodyOffset, unchanged);
      recentBodies.add(held.length, forget);
    }
    return held;
  };
}

/**
 * The bodies read back last, held so that the several uses of one record's body in a row (its
 * page's description and HTML, its API file) read its file once; older ones are forgotten.
 * Bounded in count and in characters. Not a WeakRef: a WeakRef keeps what it refers to alive
 * until the synchronous run of code that made it ends, and a build's listings cut an excerpt
 * from every body in one such run; at 64k articles with no index that held every body at once.
 */
class RecentBodies {
  readonly #held: Array<{ chars: number; forget: () => void }> = [];
  #first = 0;
  #chars = 0;

  constructor(
    private readonly maxBodies: number,
    private readonly maxChars: number,
  ) {}

  add(chars: number, forget: () => void): void {
    this.#held.push({ chars, forget });
    this.#chars += chars;
    while (this.#held.length - this.#first > this.maxBodies || (this.#chars > this.maxChars && this.#held.length - this.#first > 1)) {
      const oldest = this.#held[this.#first]!;
      this.#held[this.#first++] = FORGOTTEN;
      this.#chars -= oldest.chars;
      oldest.forget();
    }
    // The array is compacted now and then, not shifted at every body.
    if (this.#first > this.maxBodies) {
      this.#held.splice(0, this.#first);
      this.#first = 0;
    }
  }
}

const FORGOTTEN = { chars: 0, forget: (): void => {} };
// A batch of pages (up to 1,000) reads its bodies twice: for the pages, then for their HTML.
const recentBodies = new RecentBodies(1024, 4_000_000);

/**
 * An entry whose body comes from `body()`, called when the body is first asked for. The fields are
 * in the order parseContentFile gives them, so the entry prints and compares like a parsed one.
 * `key` is the hash of the file's text (ContentIndex.keyOf): the record's digest is made from it.
 */
function entryOf(path: string, indexed: IndexedEntry, body: () => string, bodyDigest: string | undefined, key: string): ContentEntry {
  const { id, slug, headline, outlet, byline, date, dateline, topics, language, related, sources, ...rest } = indexed.article;
  const article: Article = {
    id,
    slug,
    headline,
    outlet,
    byline,
    date,
    dateline,
    get body(): string {
      return body();
    },
    topics,
    language,
    related,
    sources,
    ...rest,
  };
  if (bodyDigest !== undefined) knowBodyDigest(article, bodyDigest);
  knowRecordDigest(article, recordDigestOf(key));
  const entry: ContentEntry = { path, article, draft: indexed.draft, edited: indexed.edited };
  if (indexed.generated !== undefined) entry.generated = indexed.generated;
  return entry;
}

/** The body of an unchanged file, read when needed; a file changed since it was indexed is an error. */
function bodyFromFile(absolute: string, shown: string, bodyOffset: number, unchanged: (bytes: Buffer, body: string) => boolean): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    throw new Error(`${shown} could not be read again: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const body = normalizeBody(normalizeContentText(bytes.toString("utf8")).slice(bodyOffset));
  if (!unchanged(bytes, body)) throw new Error(`${shown} changed while it was being used; run the command again`);
  return body;
}
