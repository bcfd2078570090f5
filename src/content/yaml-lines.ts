import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";

/**
 * Finds the 1-based line (within the YAML text) of the field a schema issue points at, e.g.
 * `["sources", 0, "lines"]`. It walks the document as far as the path exists and reports the
 * deepest key (or item) found, so a missing field is reported at its parent, and a missing
 * top-level field at line 1.
 */
export function lineOfPath(doc: Document, yamlText: string, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineAt(yamlText, offset);
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of a top-level key, for problems that concern a whole field (unknown keys). */
export function lineOfKey(doc: Document, yamlText: string, key: string): number | undefined {
  return lineOfPath(doc, yamlText, [key]);
}
