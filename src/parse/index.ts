import type { Dump, ParseResult } from "../model/index.ts";
import { parseHtmlDump } from "./html/index.ts";
import { parseMarkdownDump } from "./markdown.ts";
import { parseText } from "./text.ts";

export { parseText, type ParseTextOptions } from "./text.ts";
export { defaultVocabulary, buildVocabulary, type Vocabulary, type VocabFile } from "./vocab.ts";

/** Stage 2: a decoded dump → parsed articles plus a report that gives every line a role. Pure. */
export function parseDump(dump: Dump): ParseResult {
  switch (dump.format) {
    case "text":
      return parseText(dump.text, dump.name, { language: dump.meta?.language ?? null });
    case "html":
      return parseHtmlDump(dump);
    case "markdown":
      return parseMarkdownDump(dump);
    default:
      throw new TypeError(`parseDump: unknown dump format "${String((dump as { format: unknown }).format)}"`);
  }
}
