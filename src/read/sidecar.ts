import { LineCounter, parseDocument, isMap, isScalar } from "yaml";
import { z } from "zod";
import { IsoDateSchema } from "../model/index.ts";
import type { Diagnostic, DumpMeta } from "../model/index.ts";
import { readTextIfPresent } from "./text-if-present.ts";

/** One field of `<dump>.meta.yaml`, each validated on its own so one bad field spares the rest. */
const FIELD_SCHEMAS = {
  date: IsoDateSchema,
  url: z.url(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language is a BCP 47 tag such as en or pt-BR"),
  notes: z.string(),
} as const satisfies Record<keyof DumpMeta, z.ZodType<string>>;

type Field = keyof typeof FIELD_SCHEMAS;

function isField(key: string): key is Field {
  return Object.hasOwn(FIELD_SCHEMAS, key);
}

export interface SidecarResult {
  meta?: DumpMeta;
  diagnostics: Diagnostic[];
}

/** The sidecar's text, or null when there is none. */
export function readSidecarText(path: string): string | null {
  try {
    return readTextIfPresent(path) ?? null;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EISDIR") return null;
    throw error;
  }
}

/**
 * Parses an editor's notes on a capture. Bad YAML, a field of the wrong shape or an unknown field
 * become diagnostics naming the sidecar, the line and the field; valid fields are kept.
 */
export function parseSidecar(text: string, file: string): SidecarResult {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);

  for (const error of doc.errors) {
    diagnostics.push({
      id: "sidecar-syntax",
      level: "error",
      message: `${file} is not valid YAML: ${(error.message.split("\n")[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, "")}`,
      file,
      line: lineAt(error.pos[0]),
      hint: "write one `field: value` per line (fields: date, url, language, notes)",
    });
  }
  if (doc.errors.length > 0) return { diagnostics };
  if (doc.contents === null) return { meta: {}, diagnostics };
  if (!isMap(doc.contents)) {
    diagnostics.push({
      id: "sidecar-syntax",
      level: "error",
      message: `${file} must be a mapping of fields (date, url, language, notes)`,
      file,
      line: lineAt(doc.contents.range?.[0]),
      hint: "write one `field: value` per line, e.g. `date: 2015-03-26`",
    });
    return { diagnostics };
  }

  const meta: DumpMeta = {};
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = lineAt(isScalar(keyNode) ? keyNode.range?.[0] : undefined);
    if (!isField(key)) {
      diagnostics.push({
        id: "sidecar-unknown-field",
        level: "warning",
        message: `${file} has an unknown field "${key}"; it is ignored`,
        file,
        line,
        hint: "the fields are date, url, language and notes",
      });
      continue;
    }
    const valueNode = pair.value;
    const value: unknown = isScalar(valueNode) ? valueNode.value : valueNode?.toJSON();
    const parsed = FIELD_SCHEMAS[key].safeParse(value);
    if (!parsed.success) {
      diagnostics.push({
        id: "sidecar-field",
        level: "error",
        message: `${file}: field "${key}" is invalid: ${parsed.error.issues[0]?.message ?? "wrong type"}`,
        file,
        line,
        hint: key === "date" ? "write the capture date as YYYY-MM-DD, e.g. 2015-03-26" : `correct or remove "${key}"`,
      });
      continue;
    }
    meta[key] = parsed.data;
  }
  return { meta, diagnostics };
}
