/** Dumps below this count finish too fast for a progress bar to help. */
export const PROGRESS_MIN_ITEMS = 20;

export interface Progress {
  update(done: number, total: number, label: string): void;
  /** Clears the bar's line so the summary prints cleanly. */
  finish(): void;
}

const silent: Progress = { update: () => undefined, finish: () => undefined };

/**
 * A one-line progress bar on a TTY (`[#####-----]  12/100 seeds/x.txt`), redrawn in place.
 * Off when the stream is not a terminal (logs, CI) or there are few items: then it prints nothing.
 */
export function createProgress(stream: NodeJS.WriteStream, total: number): Progress {
  if (!stream.isTTY || total < PROGRESS_MIN_ITEMS) return silent;
  const width = 30;
  let lastDrawn = -1;
  return {
    update(done, all, label) {
      const filled = Math.round((done / Math.max(all, 1)) * width);
      // Redraw only when the bar moves or at the end, so huge runs do not flood the terminal.
      if (filled === lastDrawn && done !== all) return;
      lastDrawn = filled;
      const columns = stream.columns ?? 80;
      const counter = `${String(done).padStart(String(all).length)}/${all}`;
      const head = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${counter} `;
      const room = Math.max(columns - head.length - 1, 0);
      const shown = label.length > room ? `…${label.slice(label.length - room + 1)}` : label;
      stream.write(`\r${head}${shown}\x1b[K`);
    },
    finish() {
      if (lastDrawn >= 0) stream.write("\r\x1b[K");
    },
  };
}
