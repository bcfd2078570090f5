/**
 * Turns text into a slug: Latin letters lose their accents, everything else that is not a letter
 * or digit becomes a hyphen. Scripts without a Latin form (Arabic, Chinese …) give an empty
 * string, and the caller falls back to an id-based slug: a slug is never invented from nothing.
 */
export function slugify(text: string, maxLength = 80): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßẞ]/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐðÐ]/g, "d")
    .replace(/[þÞ]/g, "th")
    .replace(/['’‘`´]/g, "")
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}
