import { watch, type FSWatcher } from "node:fs";

export interface Rebuilder {
  close(): void;
}

/**
 * Watches folders (recursively) and calls `rebuild` after changes settle. Builds never overlap:
 * changes that arrive during a build trigger exactly one more build after it.
 */
export function watchAndRebuild(folders: readonly string[], rebuild: () => Promise<void>, settleMs = 200): Rebuilder {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;

  const run = async (): Promise<void> => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      await rebuild();
    } finally {
      running = false;
      if (pending) {
        pending = false;
        void run();
      }
    }
  };

  const onChange = (_event: string, file: string | Buffer | null): void => {
    // Atomic writes leave short-lived temporary files; they are not changes of their own.
    if (typeof file === "string" && /(^|\/)\.[^/]*\.tmp$/.test(file)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), settleMs);
  };

  const watchers: FSWatcher[] = [];
  for (const folder of folders) {
    try {
      watchers.push(watch(folder, { recursive: true }, onChange));
    } catch {
      // A folder that does not exist yet (no templates/ override) is simply not watched.
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
