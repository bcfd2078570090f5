import chardet from "chardet";
import iconv from "iconv-lite";
import { BINARY_CONTROL_SHARE, binarySignature, controlShare, hasLeadingNul } from "./binary.ts";

/** How a dump's bytes became text. */
export interface Decoded {
  text: string;
  /** The encoding's usual name: `UTF-8`, `UTF-16LE`, `windows-1252`, `ISO-8859-1` … */
  encoding: string;
  encodingBy: "bom" | "utf-8" | "detected" | "declared";
  /** What kind of binary file the bytes are, when they are not text at all; text is then empty. */
  binary: string | null;
  /** Notes for the reader's diagnostics: uncertain detection, undecodable bytes. */
  notes: DecodeNote[];
}

export interface DecodeNote {
  id: "encoding-detected" | "encoding-uncertain" | "undecodable-bytes" | "declared-charset-wrong";
  level: "info" | "warning";
  message: string;
  hint?: string;
  /** Character offset in the decoded text the note points at, when one place is to blame. */
  offset?: number;
}

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "UTF-8" },
  { bytes: [0xff, 0xfe], encoding: "UTF-16LE" },
  { bytes: [0xfe, 0xff], encoding: "UTF-16BE" },
];

/** Below this chardet confidence (0–100) the detection is reported as uncertain. */
const CONFIDENT_DETECTION = 30;
/** chardet reads a sample, not a 50 MB file: this many bytes, gathered around non-ASCII bytes. */
const DETECTION_SAMPLE_BYTES = 256 * 1024;

/**
 * Decodes a dump's bytes, in this order of trust: a byte-order mark; UTF-16 without one (text
 * whose every other byte is NUL); valid UTF-8; for HTML, the page's own `<meta charset>`; then
 * statistical detection (chardet) decoded by iconv-lite. Never throws: bytes that are no text
 * come back as `binary` with empty text.
 */
export function decodeBytes(bytes: Uint8Array, options: { html: boolean }): Decoded {
  const signature = binarySignature(bytes);
  if (signature) return binaryResult(signature);

  for (const bom of BOMS) {
    if (bytes.length >= bom.bytes.length && bom.bytes.every((b, i) => bytes[i] === b)) {
      const body = bytes.subarray(bom.bytes.length);
      return checked({ text: decodeWith(body, bom.encoding), encoding: bom.encoding, encodingBy: "bom", binary: null, notes: [] });
    }
  }

  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    return checked({ text: decodeWith(bytes, utf16), encoding: utf16, encodingBy: "detected", binary: null, notes: [] });
  }

  if (hasLeadingNul(bytes)) return binaryResult("binary data (it has NUL bytes)");

  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return checked({ text: utf8, encoding: "UTF-8", encodingBy: "utf-8", binary: null, notes: [] });

  const notes: DecodeNote[] = [];
  if (options.html) {
    const declared = declaredCharset(bytes);
    if (declared && declared.toLowerCase().replace(/[^a-z0-9]/g, "") !== "utf8" && iconv.encodingExists(declared)) {
      const encoding = latin1Family(declared) ? latin1OrWindows(bytes) : declared;
      return checked({ text: decodeWith(bytes, encoding), encoding, encodingBy: "declared", binary: null, notes });
    }
    if (declared) {
      notes.push({
        id: "declared-charset-wrong",
        level: "warning",
        message: `the page declares charset "${declared}", but its bytes are not that encoding`,
        hint: "the encoding was detected from the bytes instead; check the page's special characters",
      });
    }
  }
  return checked(detect(bytes, notes));
}

function binaryResult(kind: string): Decoded {
  return { text: "", encoding: "binary", encodingBy: "detected", binary: kind, notes: [] };
}

/** A decoding that is mostly control characters was binary after all. */
function checked(decoded: Decoded): Decoded {
  if (controlShare(decoded.text) > BINARY_CONTROL_SHARE) return binaryResult("binary data (mostly control characters)");
  return decoded;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a byte-order mark: in Latin-script text every other byte is NUL. Looks at the
 * first 4 KB: at least 30 % NULs at one parity and almost none at the other.
 */
function sniffUtf16(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | null {
  const end = Math.min(bytes.length, 4096) & ~1;
  if (end < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = end / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.02) return "UTF-16LE";
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.02) return "UTF-16BE";
  return null;
}

/** `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` in the first 4 KB. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1");
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return match?.[1] ?? null;
}

function latin1Family(name: string): boolean {
  return /^(?:iso-?8859-1|latin-?1|l1|windows-1252|cp1252|us-ascii|ascii)$/i.test(name.replace(/_/g, "-"));
}

/**
 * ISO-8859-1 and Windows-1252 agree on every printable byte except 0x80–0x9F, which are invisible
 * controls in ISO-8859-1 and punctuation in Windows-1252 (… – — “ ” •). Text never holds those
 * controls, so any such byte means Windows-1252 (as browsers also assume); without one the bytes
 * are ISO-8859-1, and both decode them alike.
 */
function latin1OrWindows(bytes: Uint8Array): "windows-1252" | "ISO-8859-1" {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 && b <= 0x9f) return "windows-1252";
  }
  return "ISO-8859-1";
}

/** Up to DETECTION_SAMPLE_BYTES of the file, taken around its non-ASCII bytes (linear scan). */
function detectionSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= DETECTION_SAMPLE_BYTES) return bytes;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let i = 0;
  while (i < bytes.length && total < DETECTION_SAMPLE_BYTES) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const start = Math.max(0, i - 256);
    const end = Math.min(bytes.length, i + 4096);
    chunks.push(bytes.subarray(start, end));
    total += end - start;
    i = end;
  }
  return chunks.length === 0 ? bytes.subarray(0, DETECTION_SAMPLE_BYTES) : Buffer.concat(chunks);
}

/**
 * Counts well-formed UTF-8 multi-byte sequences and bytes that fit no sequence. Text in a
 * single-byte encoding almost never forms a valid sequence by chance (é followed by © …), so a
 * file with more valid sequences than broken bytes is UTF-8 with some damage.
 */
function utf8Shape(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function detect(bytes: Uint8Array, notes: DecodeNote[]): Decoded {
  const shape = utf8Shape(bytes);
  const candidates = shape.valid > shape.invalid ? [] : chardet.analyse(detectionSample(bytes)).filter((m) => iconv.encodingExists(m.name));
  const best = candidates[0];
  if (shape.valid > shape.invalid || (best && best.name.toUpperCase() === "UTF-8")) {
    // Mostly UTF-8 with a few broken bytes (a cut-and-pasted capture): keep UTF-8, mark the damage.
    const text = decodeWith(bytes, "UTF-8");
    notes.push({
      id: "undecodable-bytes",
      level: "warning",
      message: "the dump is UTF-8 with some invalid bytes; they were replaced by �",
      hint: "re-save the capture as UTF-8, or correct the marked characters in the content file",
      offset: text.indexOf("\uFFFD"),
    });
    return { text, encoding: "UTF-8", encodingBy: "detected", binary: null, notes };
  }
  const confident = best !== undefined && best.confidence >= CONFIDENT_DETECTION;
  const name = best && !latin1Family(best.name) ? best.name : latin1OrWindows(bytes);
  const encoding = /^utf-16/i.test(name) ? name.toUpperCase() : name;
  notes.push(
    confident
      ? {
          id: "encoding-detected",
          level: "info",
          message: `the dump is not UTF-8; decoded as ${encoding} (detected, confidence ${best.confidence}%)`,
        }
      : {
          id: "encoding-uncertain",
          level: "warning",
          message: `the dump is not UTF-8 and its encoding is uncertain; decoded as ${encoding}`,
          hint: "check the special characters of its articles, or re-save the capture as UTF-8",
        },
  );
  return { text: decodeWith(bytes, encoding), encoding, encodingBy: "detected", binary: null, notes };
}
