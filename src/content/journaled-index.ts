import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic.ts";

/**
 * An index of records by path, kept in the cache folder as a snapshot (`<name>.json`) and a
 * journal of the changes made since (`<name>.journal`, one JSON line per change). A run that
 * changes a few records of a large index appends them, rather than writing the whole index
 * again; the journal is folded into a new snapshot once it holds more than a fraction of it.
 *
 * Every record describes a file by its stamp or its text, and is checked against the file before
 * it is used, so an old record (a journal left by a crash, a record of a file changed since) can
 * only cost a read, never give a wrong result. Disposable, like everything in the cache folder.
 */
export interface JournaledRecords<R> {
  /** The records, as the snapshot and the journal leave them. */
  records: Map<string, R>;
  /**
   * When each record was written, as the modification time of the file it was read from: a
   * stamp at least as new cannot be trusted (see trustedStamp).
   */
  writtenMs(path: string): number;
  /** Writes the changes from `records` to `next` (compared by identity); nothing when there are none. */
  save(next: ReadonlyMap<string, R>): Promise<void>;
}

interface Snapshot<R> {
  version: string;
  /** Names the snapshot, so a journal written after another snapshot is not applied to it. */
  id?: string;
  files: Record<string, R>;
}

interface JournalHeader {
  version: string;
  snapshot: string;
}

/** The journal is folded into a new snapshot past this many lines, or an eighth of the records. */
const MIN_JOURNAL_LINES = 512;

function mtimeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

export async function openJournaledIndex<R>(cacheDir: string, name: string, version: string): Promise<JournaledRecords<R>> {
  const snapshotFile = join(cacheDir, `${name}.json`);
  const journalFile = join(cacheDir, `${name}.journal`);
  const records = new Map<string, R>();
  const fromJournal = new Set<string>();
  let snapshotId: string | undefined;
  let snapshotMs = 0;
  let journalMs = 0;
  let journalLines = 0;
  /** Whether the journal file belongs to the snapshot (else changes start a new one). */
  let journalOk = false;
  try {
    snapshotMs = mtimeOf(snapshotFile);
    const data = JSON.parse(await readFile(snapshotFile, "utf8")) as Partial<Snapshot<R>>;
    if (data.version === version && data.files && typeof data.files === "object") {
      for (const [path, record] of Object.entries(data.files)) records.set(path, record);
      snapshotId = data.id;
    }
  } catch {
    // No snapshot yet, or a damaged one: every file is read, and the index written afresh.
  }
  if (snapshotId !== undefined) {
    try {
      journalMs = mtimeOf(journalFile);
      const lines = (await readFile(journalFile, "utf8")).split("\n");
      const header = JSON.parse(lines[0] ?? "") as Partial<JournalHeader>;
      if (header.version === version && header.snapshot === snapshotId) {
        journalOk = true;
        for (const line of lines.slice(1)) {
          if (line === "") continue;
          // A line cut short by a crash ends the journal.
          const change = JSON.parse(line) as [string, R | null];
          if (change[1] === null) records.delete(change[0]);
          else records.set(change[0], change[1]);
          fromJournal.add(change[0]);
          journalLines += 1;
        }
      }
    } catch {
      // No journal, or the rest of one cut short: what was read of it stands.
    }
  }

  const loaded = new Map(records);
  return {
    records,
    writtenMs: (path) => (fromJournal.has(path) ? journalMs : snapshotMs),
    async save(next) {
      const changes: string[] = [];
      for (const [path, record] of next) if (loaded.get(path) !== record) changes.push(JSON.stringify([path, record]));
      for (const path of loaded.keys()) if (!next.has(path)) changes.push(JSON.stringify([path, null]));
      if (changes.length === 0) return;
      if (snapshotId !== undefined && journalLines + changes.length <= Math.max(MIN_JOURNAL_LINES, next.size / 8)) {
        if (journalOk) {
          await appendFile(journalFile, `${changes.join("\n")}\n`, "utf8");
        } else {
          const header = JSON.stringify({ version, snapshot: snapshotId } satisfies JournalHeader);
          writeFileAtomic(journalFile, `${[header, ...changes].join("\n")}\n`);
          journalOk = true;
        }
        journalLines += changes.length;
      } else {
        snapshotId = randomBytes(8).toString("hex");
        const files: Record<string, R> = {};
        for (const path of [...next.keys()].sort()) files[path] = next.get(path)!;
        // The journal is emptied first: one belonging to the new snapshot is never read with another.
        await rm(journalFile, { force: true });
        writeFileAtomic(snapshotFile, JSON.stringify({ version, id: snapshotId, files } satisfies Snapshot<R>));
        writeFileAtomic(journalFile, `${JSON.stringify({ version, snapshot: snapshotId } satisfies JournalHeader)}\n`);
        journalLines = 0;
        journalOk = true;
      }
      loaded.clear();
      for (const [path, record] of next) loaded.set(path, record);
    },
  };
}
