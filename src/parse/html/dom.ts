import { createRequire } from "node:module";

type ParseHtml = typeof import("linkedom").parseHTML;

let loaded: ParseHtml | undefined;

/**
 * linkedom's document typed as the standard DOM: Readability and our walkers only use the
 * standard interface, which linkedom implements. linkedom is required on first use (its
 * CommonJS build: loading it synchronously keeps the parser synchronous): it is a fifth of the
 * command line's start-up, and an archive of text dumps never needs it.
 */
export function parseDocument(html: string): Document {
  loaded ??= (createRequire(import.meta.url)("linkedom") as typeof import("linkedom")).parseHTML;
  return loaded(html).document as unknown as Document;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements that start and end a paragraph of text. */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
  "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

/** Elements that never hold article prose (figures hold captions). */
const SKIP = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "video", "audio", "canvas",
  "img", "picture", "source", "button", "input", "select", "textarea", "head", "figure", "figcaption",
]);

/** Elements that hold furniture when small, but sometimes wrap a whole page (an ASP.NET form). */
const FURNITURE_TAGS = new Set(["form", "nav"]);

/** Furniture is small: a block holding more than this share of the text is the article itself. */
const FURNITURE_SHARE = 0.3;

/** Class or id words of page furniture that readability sometimes keeps inside the article. */
const FURNITURE = /(?:^|[\s_-])(?:caption|credit|image-source|photo-?credit|share|sharing|social|newsletter|subscribe|promo|advert|ad-?slot|ads|sponsor|byline|author|tweet-authors|timestamp|toolbar|tools|breadcrumbs?)(?:$|[\s_-])/i;

export interface Paragraph {
  text: string;
  /** The tag of the block it came from: `p`, `h2`, `li` … */
  tag: string;
  /** Share of its characters inside links (0..1): promos and related lists are all link. */
  linkShare: number;
}

export interface SkippedFurniture {
  kind: "caption" | "byline" | "other";
  text: string;
}

/**
 * The paragraphs of an element's text, in reading order: every block element and every `<br>`
 * ends one, whitespace is collapsed, and furniture (figures, captions, share bars, bylines) is
 * set aside in `skipped` rather than mixed into the prose.
 */
export function paragraphsOf(root: Element): { paragraphs: Paragraph[]; skipped: SkippedFurniture[] } {
  const paragraphs: Paragraph[] = [];
  const skipped: SkippedFurniture[] = [];
  let text = "";
  let linkChars = 0;
  let tag = "p";

  const flush = (): void => {
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean.length > 0) {
      const linkShare = Math.min(1, linkChars / Math.max(1, text.replace(/\s+/g, "").length));
      paragraphs.push({ text: clean, tag, linkShare });
    }
    text = "";
    linkChars = 0;
    tag = "p";
  };

  const walk = (node: Node, inLink: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? "";
      text += value;
      if (inLink) linkChars += value.replace(/\s+/g, "").length;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const name = element.tagName.toLowerCase();
    if (name === "br") {
      flush();
      return;
    }
    const furniture = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    const looksLikeFurniture = FURNITURE_TAGS.has(name) || (FURNITURE.test(furniture) && !/dateline/i.test(furniture));
    const inner = SKIP.has(name) || looksLikeFurniture ? (element.textContent ?? "").replace(/\s+/g, " ").trim() : "";
    if (SKIP.has(name) || (looksLikeFurniture && inner.length <= total * FURNITURE_SHARE)) {
      if (inner.length > 0) {
        const kind = /figure|figcaption/.test(name) || /caption|credit|image/i.test(furniture) ? "caption" : /byline|author/i.test(furniture) ? "byline" : "other";
        skipped.push({ kind, text: inner });
      }
      return;
    }
    const block = BLOCK.has(name);
    if (block) {
      flush();
      tag = name;
    }
    for (let child = element.firstChild; child; child = child.nextSibling) walk(child, inLink || name === "a");
    if (block) flush();
  };

  // Size of the whole, so that a container whose class says "author" or "share" but holds the
  // article is not mistaken for furniture.
  const total = (root.textContent ?? "").length;
  walk(root, false);
  flush();
  return { paragraphs, skipped };
}

/** An element's text with whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Calls `visit` for every text node under `root` outside script and style, in document order (iterative: deep pages do not overflow the stack). */
export function forEachTextNode(root: Node, visit: (text: Text) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      visit(node as Text);
      continue;
    }
    if (node.nodeType === ELEMENT_NODE && /^(?:script|style|template|noscript)$/i.test((node as Element).tagName)) continue;
    const children: Node[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** How deep elements nest under `root` and how many there are (iterative: deep pages do not overflow the stack). */
export function domShape(root: Node): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (level > depth) depth = level;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE) {
        elements++;
        stack.push([child, level + 1]);
      }
    }
  }
  return { depth, elements };
}
