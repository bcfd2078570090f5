import { reconcile, serializeContentFile, recordHash, parseContentFile } from "./src/content/index.ts";
import { makeArticle } from "./tests/e2e/project.ts";
for (const n of [16000, 64000]) {
  const body = "Paragraph text. ".repeat(150);
  const gen = Array.from({ length: n }, (_, i) => makeArticle({ id: `d-${i}`, slug: `a-${i}`, outlet: { name: "O", slug: `o-${i % 40}` }, body, sources: [{ dump: `d${i % (n / 4)}.txt`, sha256: "0".repeat(64), lines: [1, 2] }] }));
  const existing = gen.map((a, i) => ({ ...parseContentFile(serializeContentFile(a, { generated: recordHash(a) }), `o-${i % 40}/a-${i}.md`).entry! }));
  const t = performance.now();
  const plan = reconcile({ generated: gen, existing, ingestedDumps: new Set(gen.map((a) => a.sources[0]!.dump)), seedDumps: new Set() });
  console.log(n, "reconcile", ((performance.now() - t) / 1000).toFixed(2), "s", plan.changes.length, "changes");
}
