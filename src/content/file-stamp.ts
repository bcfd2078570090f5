import { statSync, type Stats } from "node:fs";

/**
 * What a file's metadata says of its bytes: size, modification and change times, inode. Indexes
 * in .cache/ remember a file's stamp with what reading it gave, so a file whose stamp is unchanged
 * need not be read again. An edit changes the modification time (and usually the size); the
 * change time moves on any write or change of metadata, and cannot be set back (so a copy that
 * keeps the old modification time, or an edit that restores it, still shows); replacing the file
 * changes the inode.
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function stampOf(stats: Pick<Stats, "size" | "mtimeMs" | "ctimeMs" | "ino">): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}

/** The stamp of a regular file, or null when there is none (missing, a folder, unreadable metadata). */
export function stampFile(path: string): FileStamp | null {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? stampOf(stats) : null;
  } catch {
    return null;
  }
}

export function sameStamp(a: FileStamp | null | undefined, b: FileStamp | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether a stamp can be trusted, given when the index that recorded it was written. A file
 * changed within the clock tick in which it was stamped keeps its modification time; such a file
 * can only be told apart by its bytes while its time is not older than the index itself (the
 * "racy" case git knows). So a stamp as new as the index is checked by reading the file. On file
 * systems with coarse times (whole seconds) this covers the whole second the index was written.
 */
export function trustedStamp(stamp: FileStamp, indexMtimeMs: number): boolean {
  return stamp.mtimeMs < indexMtimeMs && stamp.ctimeMs < indexMtimeMs;
}
