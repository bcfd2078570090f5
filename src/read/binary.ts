/**
 * Telling a binary file from text. Seeds are meant to be text; an image, archive or PDF dropped
 * into seeds/ by mistake must become a clear error, not pages of mojibake.
 */

/** File signatures of the binary formats most likely to land in seeds/ by mistake. */
const MAGIC_NUMBERS: readonly { name: string; bytes: readonly number[] }[] = [
  { name: "a PNG image", bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: "a JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { name: "a GIF image", bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: "a PDF document", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: "a ZIP archive (or a .docx/.xlsx/.odt)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: "a gzip archive", bytes: [0x1f, 0x8b] },
  { name: "a WebP/RIFF file", bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: "a Word 97 document", bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: "an executable program", bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/** The kind of binary file the bytes start like, or null. */
export function binarySignature(bytes: Uint8Array): string | null {
  for (const { name, bytes: magic } of MAGIC_NUMBERS) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return name;
  }
  return null;
}

/** Git's rule: a NUL byte among the first 8000 bytes means binary (UTF-16 is ruled out before). */
export function hasLeadingNul(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Share of decoded characters that no text contains: C0 controls other than tab, line ends, form
 * feed and escape, DEL, C1 controls and NUL. Real pages stay far below 1 %; random bytes decode
 * to about 10 %.
 */
export function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b && c !== 0x1b) controls++;
    } else if (c === 0x7f || (c >= 0x80 && c <= 0x9f)) {
      controls++;
    }
  }
  return controls / text.length;
}

/** Above this share of control characters a decoded file is taken for binary. */
export const BINARY_CONTROL_SHARE = 0.05;
