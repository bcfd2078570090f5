import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article, Diagnostic } from "../model/index.ts";
import { writeFileAtomic } from "./atomic.ts";
import { normalizeContentText, type ParsedContentFile } from "./parse-file.ts";
import type { ContentEntry } from "./schema.ts";
import { normalizeBody } from "./serialize.ts";
import { sourceVersion } from "./source-version.ts";

/**
 * The content index: what reading each content file gave last time, keyed by a hash of its text,
 * so a build of a large archive parses only the files that changed. It holds everything but the
 * body, which is cut from the file's text at the offset recorded. Derived and disposable: it
 * lives in .cache/ and is rebuilt when missing, damaged, or made by other code.
 */
const INDEX_FILE = "content-index.json";

/** The code whose behaviour the index records: reading content files and the record schema. */
const codeFolders = ["./", "../model/"].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

interface IndexedEntry {
  article: Omit<Article, "body">;
  draft: boolean;
  generated?: string;
  edited: boolean;
}

interface IndexRecord {
  key: string;
  bodyOffset?: number;
  entry?: IndexedEntry;
  diagnostics: Diagnostic[];
}

interface IndexFile {
  version: string;
  files: Record<string, IndexRecord>;
}

export class ContentIndex {
  private readonly next = new Map<string, IndexRecord>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly previous: ReadonlyMap<string, IndexRecord>,
  ) {}

  static async open(cacheDir: string): Promise<ContentIndex> {
    const file = join(cacheDir, INDEX_FILE);
    const previous = new Map<string, IndexRecord>();
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as Partial<IndexFile>;
      if (data.version === sourceVersion(codeFolders) && data.files && typeof data.files === "object") {
        for (const [path, record] of Object.entries(data.files)) previous.set(path, record);
      }
    } catch {
      // No index yet, or a damaged one: every file is parsed and the index written afresh.
    }
    return new ContentIndex(file, previous);
  }

  /** The key of a file's text as read (with the name diagnostics give it, which they contain). */
  static keyOf(raw: string, displayPath: string): string {
    return createHash("sha256").update(displayPath).update("\0").update(raw).digest("hex");
  }

  /** What reading the file gave last time, when its text is the same; else undefined. */
  lookup(path: string, key: string, raw: string): ParsedContentFile | undefined {
    const record = this.previous.get(path);
    if (!record || record.key !== key) return undefined;
    this.next.set(path, record);
    if (!record.entry || record.bodyOffset === undefined) return { diagnostics: record.diagnostics };
    const body = normalizeBody(normalizeContentText(raw).slice(record.bodyOffset));
    const entry: ContentEntry = {
      path,
      article: { ...record.entry.article, body },
      draft: record.entry.draft,
      edited: record.entry.edited,
    };
    if (record.entry.generated !== undefined) entry.generated = record.entry.generated;
    return { entry, diagnostics: record.diagnostics, bodyOffset: record.bodyOffset };
  }

  /** Records what reading a changed or new file gave. */
  store(path: string, key: string, parsed: ParsedContentFile): void {
    const record: IndexRecord = { key, diagnostics: parsed.diagnostics };
    if (parsed.entry && parsed.bodyOffset !== undefined) {
      const { body: _body, ...article } = parsed.entry.article;
      void _body;
      const entry: IndexedEntry = { article, draft: parsed.entry.draft, edited: parsed.entry.edited };
      if (parsed.entry.generated !== undefined) entry.generated = parsed.entry.generated;
      record.entry = entry;
      record.bodyOffset = parsed.bodyOffset;
    }
    this.next.set(path, record);
    this.changed = true;
  }

  /** Writes the index when anything changed (files added, edited or removed). */
  async save(): Promise<void> {
    if (!this.changed && this.next.size === this.previous.size) return;
    const files: Record<string, IndexRecord> = {};
    for (const path of [...this.next.keys()].sort()) files[path] = this.next.get(path)!;
    const data: IndexFile = { version: sourceVersion(codeFolders), files };
    await writeFileAtomic(this.file, JSON.stringify(data));
  }
}
