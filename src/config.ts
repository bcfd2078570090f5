import { resolve } from "node:path";

/** Where a project's folders are. Every stage takes its paths from here, never from the cwd directly. */
export interface ProjectPaths {
  root: string;
  seeds: string;
  content: string;
  /** Registries editors extend: outlets.yaml, topics.yaml. */
  data: string;
  templates: string;
  dist: string;
  /** Derived, disposable state: parse results by sha256, rendered bodies by hash, search shards. */
  cache: string;
}

export function projectPaths(root: string = process.cwd()): ProjectPaths {
  const r = resolve(root);
  return {
    root: r,
    seeds: resolve(r, "seeds"),
    content: resolve(r, "content"),
    data: resolve(r, "content", "_data"),
    templates: resolve(r, "templates"),
    dist: resolve(r, "dist"),
    cache: resolve(r, ".cache"),
  };
}
