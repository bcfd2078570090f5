import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measured {
  seconds: number;
  /** Highest sum of the resident memory of the child and all its descendants, sampled. */
  peakRssMiB: number;
  /**
   * CPU time (user + system) of the command and all its descendants: the larger of GNU time's
   * figure (the command and the children it waited for; when installed) and the sum, over every
   * process of the tree, of its CPU time when last sampled (Pagefind's services are not waited
   * for, and GNU time leaves them out). Unlike wall time, it hardly changes when other work
   * shares the machine.
   */
  cpuSeconds: number | null;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const PAGE_BYTES = 4096;
const SAMPLE_MS = 50;

/** Parent pid of every process, read from /proc/<pid>/stat (field 4, after the parenthesised name). */
export function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return parents;
}

/** A process and all its descendants. */
function treePids(root: number): number[] {
  const parents = parentsByPid();
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents) {
    const list = children.get(parent);
    if (list) list.push(pid);
    else children.set(parent, [pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) of each of `pids` so far, in clock ticks, by pid. */
function cpuTicks(pids: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      // Fields 14 and 15 (utime, stime), counted from field 3 (after the parenthesised name).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Ended since listed.
    }
  }
  return ticks;
}

/** Resident memory of `pids` together, in bytes. */
function rssBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, "latin1").split(" ")[1]) * PAGE_BYTES;
    } catch {
      // Ended since listed.
    }
  }
  return total;
}

/** Sends a signal to the Node processes of a tree (e.g. SIGUSR2 for `--heapsnapshot-signal`). */
function signalNodes(root: number, signal: NodeJS.Signals): void {
  for (const pid of treePids(root)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "latin1").trim() === "node") process.kill(pid, signal);
    } catch {
      // Ended since listed.
    }
  }
}

/**
 * Runs a command, timing it and sampling the whole process tree's memory (Pagefind and Eleventy
 * workers are children of the command), every 50 ms. Output is collected, and echoed with a
 * prefix when `echo` is set, so a long stage shows its progress.
 */
export interface MeasureOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Prefix for echoing the command's output lines to stderr. */
  echo?: string;
  /** Once the tree's memory reaches this many MiB, send SIGUSR2 to its Node processes (once). */
  signalAtMiB?: number;
}

export function runMeasured(command: string, args: string[], options: MeasureOptions): Promise<Measured> {
  const gnuTime = "/usr/bin/time";
  const scratch = existsSync(gnuTime) ? mkdtempSync(join(tmpdir(), "newsarchive-bench-")) : null;
  const timesFile = scratch === null ? null : join(scratch, "times");
  const [program, programArgs] = timesFile === null ? [command, args] : [gnuTime, ["-f", "%U %S", "-o", timesFile, command, ...args]];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(program, programArgs, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let peak = 0;
    let signalled = false;
    /** Each process's CPU ticks at its last sample. */
    const lastTicks = new Map<number, number>();
    const sample = (): void => {
      if (child.pid === undefined) return;
      const pids = treePids(child.pid);
      const rss = rssBytes(pids);
      peak = Math.max(peak, rss);
      for (const [pid, ticks] of cpuTicks(pids)) lastTicks.set(pid, Math.max(ticks, lastTicks.get(pid) ?? 0));
      if (!signalled && options.signalAtMiB !== undefined && rss >= options.signalAtMiB * 1048576) {
        signalled = true;
        signalNodes(child.pid, "SIGUSR2");
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    let stdout = "";
    let stderr = "";
    const relay = (chunk: Buffer, sink: "out" | "err"): void => {
      const text = chunk.toString("utf8");
      if (sink === "out") stdout += text;
      else stderr += text;
      if (options.echo) {
        for (const line of text.split("\n").filter((l) => l.trim().length > 0)) process.stderr.write(`  ${options.echo}| ${line}\n`);
      }
    };
    child.stdout.on("data", (c: Buffer) => relay(c, "out"));
    child.stderr.on("data", (c: Buffer) => relay(c, "err"));
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      let cpuSeconds: number | null = null;
      if (timesFile !== null && scratch !== null) {
        const [user, system] = (existsSync(timesFile) ? readFileSync(timesFile, "utf8").trim().split("\n").at(-1) ?? "" : "").split(" ").map(Number);
        if (user !== undefined && system !== undefined && Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
        rmSync(scratch, { recursive: true, force: true });
      }
      let sampledTicks = 0;
      for (const ticks of lastTicks.values()) sampledTicks += ticks;
      if (sampledTicks > 0) cpuSeconds = Math.max(cpuSeconds ?? 0, sampledTicks / TICKS_PER_SECOND);
      resolve({
        cpuSeconds,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        peakRssMiB: peak / 1048576,
        exitCode: code ?? 1,
        stdout,
        stderr,
      });
    });
  });
}
