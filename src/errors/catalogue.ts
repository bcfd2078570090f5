/**
 * The error catalogue: every problem an editor can meet, with a stable id, a title, why it happens
 * and what to do. Diagnostics carry the id and a message naming the file and line; the catalogue
 * supplies the explanation, so messages stay short and the advice stays in one place.
 *
 * Ids from other stages (read, parse, enrich, site) that are not listed here still print: the
 * printer falls back to the diagnostic's own hint.
 */
export interface CatalogueEntry {
  id: string;
  title: string;
  /** Why this happens: the rule behind the message. */
  why: string;
  /** What to do about it. */
  hint: string;
}

const entries: CatalogueEntry[] = [
  // content/ files
  {
    id: "front-matter-syntax",
    title: "The front matter is not valid YAML",
    why: "A content file starts with YAML between two `---` lines; a stray colon, tab or unclosed quote breaks it.",
    hint: "Fix the YAML at the line shown (quote values that contain `:` or start with a special character), then run `newsarchive check`.",
  },
  {
    id: "front-matter-missing",
    title: "The content file has no front matter",
    why: "Every file in content/ must start with `---`, the record's fields in YAML, and a closing `---`.",
    hint: "Add front matter with at least a `headline:`, or move the file out of content/.",
  },
  {
    id: "front-matter-field",
    title: "A front matter field has a wrong value",
    why: "Front matter is checked against the article schema: field names and value formats are fixed.",
    hint: "Correct the field at the line shown; the message says what form it expects.",
  },
  {
    id: "front-matter-unknown-field",
    title: "The front matter has a field the archive does not know",
    why: "Unknown fields are most often misspellings (`headlin:`), and their values would silently be lost.",
    hint: "Rename the field to one of the record's fields, or remove it.",
  },
  {
    id: "content-file-unreadable",
    title: "A content file cannot be read",
    why: "The file could not be opened or is not UTF-8 text.",
    hint: "Check the file's permissions and save it as UTF-8.",
  },
  {
    id: "duplicate-slug",
    title: "Two articles have the same slug",
    why: "The slug is the article's address (/articles/<slug>/); two articles cannot share one.",
    hint: "Give one of the two files a different `slug:` (and rename the file to match).",
  },
  {
    id: "duplicate-id",
    title: "Two articles have the same id",
    why: "Ingest finds an article's file by its id; a copied file that keeps the id confuses it.",
    hint: "Give the copy a new `id:` (lower-case letters, digits and hyphens).",
  },
  {
    id: "slug-file-mismatch",
    title: "The file name differs from the article's slug",
    why: "The site uses the `slug:` field for the address; a file named otherwise is hard to find.",
    hint: "Rename the file to `<slug>.md`, or change `slug:` to the file name.",
  },
  // ingest
  {
    id: "edit-kept",
    title: "An edited article was kept as the editor left it",
    why: "The file differs from what ingest generated, so ingest leaves it alone.",
    hint: "Nothing to do. To take the dump's version again, delete the file and run `newsarchive ingest`.",
  },
  {
    id: "article-moved",
    title: "An article's file moved",
    why: "The dump's parse gave the article another outlet or slug, and the file was not edited, so it follows the record.",
    hint: "Nothing to do. Old links keep working only if the slug stayed the same.",
  },
  {
    id: "article-removed",
    title: "An article's file was removed",
    why: "Its dump no longer yields the article and nobody had edited the file, so it could be made again from the dump at any time.",
    hint: "Nothing to do. If the article should stay, restore the file and delete its `generated:` line.",
  },
  {
    id: "edit-conflict",
    title: "The dump changed an article an editor had corrected",
    why: "The dump's parse now gives different values than when the file was generated, and the file was edited since, so ingest kept the edited file.",
    hint: "Compare the fields named with the dump (`newsarchive parse <dump>`), carry over what you want, then delete the `generated:` line to mark the conflict resolved.",
  },
  {
    id: "edited-article-orphaned",
    title: "An edited article is no longer produced by its dump",
    why: "The dump's parse no longer yields this article, but the file was edited, so it is kept.",
    hint: "Delete the file if the article is not wanted; otherwise remove its `generated:` line to keep it as a hand-written article.",
  },
  {
    id: "dump-missing",
    title: "An article's dump is no longer in seeds/",
    why: "The dump the article came from was removed or renamed; its articles stay in content/ so nothing is lost.",
    hint: "Put the dump back in seeds/, or delete the article files if they should go too.",
  },
  {
    id: "path-taken",
    title: "Two articles want the same content file",
    why: "A generated article's file name is already used by another article (often one added by hand).",
    hint: "Change the `slug:` of the hand-written article and rename its file, then ingest again.",
  },
  {
    id: "file-has-errors",
    title: "An article was not written because its file has errors",
    why: "Ingest never writes over a content file it cannot read: it may be an editor's change in progress.",
    hint: "Fix the errors reported for that file (`newsarchive check`), then run `newsarchive ingest` again.",
  },
  {
    id: "unsafe-path",
    title: "An article's slug would leave its folder",
    why: "Slugs and outlet slugs become folder and file names, so they may hold only lower-case letters, digits and hyphens.",
    hint: "Fix the slug in the record (or the outlet registry) so it is a plain slug.",
  },
  {
    id: "dump-unreadable",
    title: "A dump cannot be read",
    why: "The file named could not be opened (missing, a folder, or no permission).",
    hint: "Check the path; `newsarchive ingest` takes dump files, by default every file in seeds/.",
  },
  {
    id: "binary-dump",
    title: "A dump is not text",
    why: "Dumps are captured pages as text, HTML or Markdown; this file holds binary data (an image, archive or document).",
    hint: "Remove it from seeds/, or convert the capture to text or HTML first.",
  },
  {
    id: "parse-failed",
    title: "The parser stopped on a dump",
    why: "Something in the dump made the parser fail; this is a bug in newsarchive, not in the dump.",
    hint: "Report it with the dump attached; meanwhile move the dump out of seeds/ to build the rest.",
  },
  {
    id: "empty-dump",
    title: "A dump is empty",
    why: "The file holds no text, so there is nothing to archive from it.",
    hint: "Re-capture the page, or remove the empty file from seeds/.",
  },
  // build and check
  {
    id: "broken-link",
    title: "A page links to a page that does not exist",
    why: "Every internal link in dist/ must lead to a built page.",
    hint: "Rebuild with `newsarchive build`; if it persists, the link comes from a template or a `related:` url in content/.",
  },
  {
    id: "missing-asset",
    title: "A page uses an asset that does not exist",
    why: "Every stylesheet, script and image a page references must be in dist/.",
    hint: "Rebuild with `newsarchive build`; if it persists, check the asset paths in templates/.",
  },
  {
    id: "link-outside-prefix",
    title: "A link leaves the site's path prefix",
    why: "The site was built for a subfolder (`--path-prefix`), so every internal link must start with it.",
    hint: "Use the `url` filter for links in templates/ so the prefix is applied.",
  },
  {
    id: "dist-missing",
    title: "There is no built site to check",
    why: "`newsarchive check` crawls dist/, which does not exist yet.",
    hint: "Run `newsarchive build` first.",
  },
  {
    id: "build-locked",
    title: "Another build is running",
    why: "Two builds of one project at once would replace dist/ under each other, so only one runs at a time.",
    hint: "Wait for the other build (or stop `newsarchive serve`), then build again.",
  },
  {
    id: "build-stage-failed",
    title: "A build stage failed",
    why: "The build stopped before the site was complete, so the live dist/ was left as it was.",
    hint: "Fix the problem reported above and build again.",
  },
];

const byId = new Map(entries.map((entry) => [entry.id, entry]));

/** The catalogue entry for a diagnostic id, if the catalogue knows it. */
export function lookupError(id: string): CatalogueEntry | undefined {
  return byId.get(id);
}

/** Every catalogue entry, in catalogue order (for documentation and tests). */
export function catalogueEntries(): readonly CatalogueEntry[] {
  return entries;
}
