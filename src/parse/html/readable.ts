import { Readability } from "@mozilla/readability";
import type { Diagnostic } from "../../model/index.ts";
import { domShape, parseDocument } from "./dom.ts";

/** What readability makes of a page, with the article's content as an element. */
export type Readable = NonNullable<ReturnType<Readability<Element>["parse"]>>;

/** Deeper pages skip readability (article pages nest a few dozen elements deep). */
const MAX_READABLE_DEPTH = 150;
/** Larger pages skip readability (article pages hold a few thousand elements). */
const MAX_READABLE_ELEMENTS = 40_000;

/**
 * Runs @mozilla/readability on its own copy of the page (it rewrites the document it reads; the
 * caller's copy keeps the page's structure for metadata and related sections). Pages far beyond
 * any article's size or depth are left to the text pipeline: readability's time grows faster
 * than the page. Problems become diagnostics; the result is null when there is no article.
 */
export function readArticle(html: string, document: Document, file: string, diagnostics: Diagnostic[]): Readable | null {
  const shape = domShape(document.documentElement ?? document);
  if (shape.depth > MAX_READABLE_DEPTH || shape.elements > MAX_READABLE_ELEMENTS) {
    diagnostics.push({
      id: shape.depth > MAX_READABLE_DEPTH ? "html-too-deep" : "html-too-large",
      level: "warning",
      message: `${file}: the page has ${shape.elements} elements nested ${shape.depth} deep; its visible text is read as text instead`,
      file,
    });
    return null;
  }
  try {
    return new Readability<Element>(parseDocument(html), { keepClasses: true, serializer: (node) => node as Element }).parse();
  } catch (error) {
    diagnostics.push({
      id: "html-unreadable",
      level: "warning",
      message: `${file}: the article extractor failed on this page (${error instanceof Error ? error.message : String(error)})`,
      file,
    });
    return null;
  }
}
