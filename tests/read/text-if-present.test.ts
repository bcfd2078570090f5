import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic, writeIfChanged } from "../../src/content/atomic.ts";
import { readDump } from "../../src/read/index.ts";
import { readTextIfPresent } from "../../src/read/text-if-present.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "newsarchive-if-present-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readTextIfPresent", () => {
  it("gives a file's text, nothing for a missing file, and throws as a read does for a folder", async () => {
    await writeFile(join(dir, "here.txt"), "héllo\n");
    await mkdir(join(dir, "folder"));
    expect(readTextIfPresent(join(dir, "here.txt"))).toBe("héllo\n");
    expect(readTextIfPresent(join(dir, "missing.txt"))).toBeUndefined();
    expect(readTextIfPresent(join(dir, "no-such-folder", "missing.txt"))).toBeUndefined();
    expect(() => readTextIfPresent(join(dir, "folder"))).toThrow(/EISDIR/);
  });

  it("leaves a dump whose sidecar's place holds a folder without notes", async () => {
    await writeFile(join(dir, "dump.txt"), "A headline\n\nA paragraph of the story.\n");
    await mkdir(join(dir, "dump.txt.meta.yaml"));
    const dump = readDump(join(dir, "dump.txt"));
    expect(dump.meta).toBeUndefined();
    expect(dump.diagnostics.filter((d) => d.level === "error")).toEqual([]);
  });
});

describe("atomic writes", () => {
  it("write many files without two temporary names meeting, and leave no temporary file", async () => {
    const out = join(dir, "many");
    for (let i = 0; i < 200; i++) writeFileAtomic(join(out, `f${i % 7}.txt`), `version ${i}`);
    expect((await readdir(out)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `f${i}.txt`));
    expect(readTextIfPresent(join(out, "f3.txt"))).toBe("version 199");
    expect(writeIfChanged(join(out, "f3.txt"), "version 199")).toBe(false);
    expect(writeIfChanged(join(out, "new", "f.txt"), "new")).toBe(true);
    expect(readTextIfPresent(join(out, "new", "f.txt"))).toBe("new");
  });
});
