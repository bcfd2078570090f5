import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { setPriority } from "node:os";

/** What the detached process runs: its one argument is the folder. */
const REMOVE = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 });';

/**
 * Deletes a folder of the build's own (a site that a new one replaced, a crashed build's staging
 * folder) from a detached process, so that the command ends without waiting for it: the new
 * site is live already, and deleting a whole one was a sixth of a rebuild or more (after a
 * template change, 4–5 s of 27 at 16k articles, 36 s of 182 at 64k). The folder keeps the
 * hidden name it was given (`.dist-old-*`, `.dist-build-*`) until it is gone; if the process is
 * stopped first, the next build finds it (removeStaleBuildFolders) and hands it on again.
 * Should no process start, it is deleted here.
 */
export function removeInBackground(dir: string): void {
  const child = spawn(process.execPath, ["-e", REMOVE, dir], { detached: true, stdio: "ignore", windowsHide: true });
  child.on("error", () => void rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined));
  if (child.pid !== undefined) {
    try {
      // Behind whatever the editor does next.
      setPriority(child.pid, 10);
    } catch {
      // Not allowed here: it deletes at the same priority.
    }
  }
  child.unref();
}
