// What the probes' threads observe of V8's collections.
import { PerformanceObserver } from "node:perf_hooks";

/** A gc entry's kind (Node puts it in `detail`, which these types do not declare). */
function gcKind(entry: object): unknown {
  const detail: unknown = "detail" in entry ? entry.detail : undefined;
  return detail !== null && typeof detail === "object" && "kind" in detail ? detail.kind : undefined;
}

/**
 * Counts this thread's collections of one kind (a `constants.NODE_PERFORMANCE_GC_*`) from now
 * on; `stop` reports the count a turn of the event loop later, as entries reach the observer
 * after their collection.
 */
export function countCollections(kind: number): { stop: (report: (count: number) => void) => void } {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (gcKind(entry) === kind) count++;
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop: (report) =>
      setTimeout(() => {
        observer.disconnect();
        report(count);
      }, 20),
  };
}
