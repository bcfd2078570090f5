import { describe, expect, it } from "vitest";
import { createProgress, PROGRESS_MIN_ITEMS } from "../../src/cli/progress.ts";

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const stream = {
    isTTY,
    columns: 60,
    written: "",
    write(chunk: string) {
      stream.written += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { written: string };
}

describe("createProgress", () => {
  it("draws a bar on a terminal when there are many items, and clears it at the end", () => {
    const stream = fakeStream(true);
    const total = PROGRESS_MIN_ITEMS * 2;
    const progress = createProgress(stream, total);
    for (let done = 1; done <= total; done++) progress.update(done, total, `seeds/dump-${done}.txt`);
    progress.finish();
    expect(stream.written).toContain(`[${"#".repeat(30)}] ${total}/${total} seeds/dump-${total}.txt`);
    expect(stream.written.endsWith("\r\x1b[K")).toBe(true);
    // Redrawn only when the bar moves: fewer draws than items.
    expect(stream.written.split("\r[").length - 1).toBeLessThan(total);
  });

  it("stays silent when the output is not a terminal, or for a few items", () => {
    for (const [tty, total] of [[false, 100], [true, PROGRESS_MIN_ITEMS - 1]] as const) {
      const stream = fakeStream(tty);
      const progress = createProgress(stream, total);
      for (let done = 1; done <= total; done++) progress.update(done, total, "x");
      progress.finish();
      expect(stream.written).toBe("");
    }
  });
});
