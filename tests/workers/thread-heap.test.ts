import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { renderThreadHeap } from "../../src/site/render-pool.ts";
import { startTypeScriptWorker, type ThreadHeap } from "../../src/workers/typescript-worker.ts";

const probe = new URL("./heap-probe.ts", import.meta.url);
const youngProbe = new URL("./young-probe.ts", import.meta.url);

/** Full collections a thread made while keeping ~160 MB alive. */
async function fullCollections(heap: ThreadHeap): Promise<number> {
  const worker: Worker = startTypeScriptWorker(probe, heap);
  try {
    const reply = await new Promise<{ full: number; kept: number }>((resolve, reject) => {
      worker.once("message", resolve).once("error", reject);
    });
    expect(reply.kept).toBe(160);
    return reply.full;
  } finally {
    await worker.terminate();
  }
}

describe("a thread's initial heap", () => {
  it("lets the thread grow that far before collecting in full, and only that thread", async () => {
    expect(await fullCollections({ maxOldGenerationSizeMb: 768 })).toBeGreaterThan(0);
    expect(await fullCollections({ maxOldGenerationSizeMb: 768, initialHeapMb: 400 })).toBe(0);
    // Back to V8's own choice for the threads started after it.
    expect(await fullCollections({ maxOldGenerationSizeMb: 768 })).toBeGreaterThan(0);
  });

  it("is set for every thread started together", async () => {
    // The same old-generation limit as above: a thread's default one depends on the machine's memory.
    const counts = await Promise.all([1, 2, 3].map(() => fullCollections({ maxOldGenerationSizeMb: 768, initialHeapMb: 400 })));
    expect(counts).toEqual([0, 0, 0]);
    expect(await fullCollections({ maxOldGenerationSizeMb: 768 })).toBeGreaterThan(0);
  });
});

/** Young-generation collections a thread made while allocating ~400 MB, its last 100,000 objects kept alive. */
async function youngCollections(heap: ThreadHeap): Promise<number> {
  const worker: Worker = startTypeScriptWorker(youngProbe, heap);
  try {
    const reply = await new Promise<{ minor: number }>((resolve, reject) => {
      worker.once("message", resolve).once("error", reject);
    });
    return reply.minor;
  } finally {
    await worker.terminate();
  }
}

describe("a rendering thread's young generation", () => {
  it("is larger below the tight-heap size, so the thread collects it less than half as often", async () => {
    const small = await youngCollections(renderThreadHeap(16_000));
    const large = await youngCollections(renderThreadHeap(64_000));
    expect(large).toBeGreaterThan(20);
    expect(small * 2).toBeLessThan(large);
  });
});
