import { describe, expect, it } from "vitest";
import { contentPathOf, parseContentFile, reconcile, recordHash, resolveContentPath, serializeContentFile, type ContentEntry } from "../../src/content/index.ts";
import type { Article } from "../../src/model/index.ts";
import { makeArticle } from "../e2e/project.ts";

/** A content entry as loadContent would give it: written by ingest, then optionally edited. */
function entryFor(article: Article, edit?: (text: string) => string, draft = false): ContentEntry {
  const path = contentPathOf(article)!;
  const text = serializeContentFile(article, { draft, generated: recordHash(article) });
  const { entry } = parseContentFile(edit ? edit(text) : text, path);
  if (!entry) throw new Error("test entry did not parse");
  return entry;
}

const dumps = new Set(["test.txt"]);

describe("reconcile: what ingest writes", () => {
  it("writes new articles with their hash", () => {
    const article = makeArticle();
    const plan = reconcile({ generated: [article], existing: [], ingestedDumps: dumps });
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ kind: "write", path: "test-agency/a-test-headline.md", reason: "new" });
    const written = plan.changes[0]!.kind === "write" ? plan.changes[0]!.text : "";
    expect(written).toContain(`generated: ${recordHash(article)}`);
  });

  it("rewrites an unedited file with the same bytes when nothing changed", () => {
    const article = makeArticle();
    const existing = entryFor(article);
    const plan = reconcile({ generated: [article], existing: [existing], ingestedDumps: dumps });
    const change = plan.changes[0];
    expect(change?.kind === "write" && change.text).toBe(serializeContentFile(article, { generated: recordHash(article) }));
    expect(plan.diagnostics).toEqual([]);
  });

  it("updates an unedited file when the dump's parse changes, keeping draft", () => {
    const before = makeArticle();
    const after = makeArticle({ body: "A better first paragraph." });
    const plan = reconcile({ generated: [after], existing: [entryFor(before, undefined, true)], ingestedDumps: dumps });
    const change = plan.changes[0];
    expect(change?.kind).toBe("write");
    expect(change?.kind === "write" && change.text).toContain("A better first paragraph.");
    expect(change?.kind === "write" && change.text).toContain("draft: true");
  });

  it("keeps an edited file when the dump did not change, without a warning", () => {
    const article = makeArticle();
    const edited = entryFor(article, (t) => t.replace("A test headline", "A corrected headline"));
    const plan = reconcile({ generated: [article], existing: [edited], ingestedDumps: dumps });
    expect(plan.changes).toEqual([]);
    expect(plan.kept).toBe(1);
    expect(plan.diagnostics.filter((d) => d.level !== "info")).toEqual([]);
  });

  it("reports a conflict when both the editor and the dump changed it, and keeps the edit", () => {
    const before = makeArticle();
    const after = makeArticle({ body: "The dump now says this." });
    const edited = entryFor(before, (t) => t.replace("headline: A test headline", "headline: A corrected headline"));
    const plan = reconcile({ generated: [after], existing: [edited], ingestedDumps: dumps });
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toBe(1);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ id: "edit-conflict", level: "warning", file: "content/test-agency/a-test-headline.md" }),
    ]);
    expect(plan.diagnostics[0]?.message).toContain("headline");
    expect(plan.diagnostics[0]?.message).toContain("body");
  });

  it("finds the file of a changed dump's article by path when its id changed", () => {
    const before = makeArticle();
    const after = makeArticle({ id: "other-dump-hash-1", sources: [{ dump: "test.txt", sha256: "1".repeat(64), lines: [1, 9] }] });
    const edited = entryFor(before, (t) => t.replace("(TA) ~", "(TA) —"));
    const plan = reconcile({ generated: [after], existing: [edited], ingestedDumps: dumps });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics[0]?.id).toBe("edit-conflict");
  });

  it("never lets a generated article take a hand-written article's file", () => {
    const article = makeArticle();
    const hand = parseContentFile("---\nheadline: Mine\noutlet: {name: Test Agency, slug: test-agency}\n---\nText", "test-agency/a-test-headline.md").entry!;
    const plan = reconcile({ generated: [article], existing: [hand], ingestedDumps: dumps });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics[0]?.id).toBe("path-taken");
  });

  it("never writes to a file that has errors", () => {
    const plan = reconcile({ generated: [makeArticle()], existing: [], invalid: new Set(["test-agency/a-test-headline.md"]), ingestedDumps: dumps });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics[0]?.id).toBe("file-has-errors");
  });

  it("removes unedited articles the dump no longer yields, keeps edited ones with a warning", () => {
    const gone = makeArticle({ id: "test-dump-2", slug: "gone" });
    const goneButEdited = makeArticle({ id: "test-dump-3", slug: "gone-but-edited" });
    const plan = reconcile({
      generated: [],
      existing: [entryFor(gone), entryFor(goneButEdited, (t) => t.replace("First", "Corrected first"))],
      ingestedDumps: dumps,
    });
    expect(plan.changes).toEqual([expect.objectContaining({ kind: "remove", path: "test-agency/gone.md" })]);
    expect(plan.diagnostics.filter((d) => d.level !== "info")).toEqual([
      expect.objectContaining({ id: "edited-article-orphaned", file: "content/test-agency/gone-but-edited.md" }),
    ]);
  });

  it("leaves articles of dumps not being ingested alone, and warns when their dump left seeds/", () => {
    const other = makeArticle({ sources: [{ dump: "removed.txt", sha256: "2".repeat(64), lines: [1, 2] }] });
    const plan = reconcile({ generated: [], existing: [entryFor(other)], ingestedDumps: dumps, seedDumps: new Set(["test.txt"]) });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ id: "dump-missing", level: "warning", file: "seeds/removed.txt" })]);
  });

  it("moves an unedited file when its outlet changes", () => {
    const before = makeArticle({ outlet: null });
    const after = makeArticle();
    const plan = reconcile({ generated: [after], existing: [entryFor(before)], ingestedDumps: dumps });
    expect(plan.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(["write test-agency/a-test-headline.md", "remove unattributed/a-test-headline.md"]);
  });
});

describe("slugs never escape their folder", () => {
  it.each(["../escape", "a/b", "..", "A", "x/../../y", ""])("refuses slug %j", (slug) => {
    expect(contentPathOf({ slug, outlet: null })).toBeUndefined();
    expect(contentPathOf({ slug: "fine", outlet: { name: "X", slug } })).toBeUndefined();
    const plan = reconcile({ generated: [makeArticle({ slug })], existing: [], ingestedDumps: dumps });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics[0]?.id).toBe("unsafe-path");
  });

  it("refuses to resolve a content path outside content/", () => {
    expect(() => resolveContentPath("/tmp/project/content", "../seeds/x.md")).toThrow(TypeError);
    expect(resolveContentPath("/tmp/project/content", "sana/x.md")).toBe("/tmp/project/content/sana/x.md");
  });
});
