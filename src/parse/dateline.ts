/** A dateline at the start of a lead paragraph: `(FNA) ~`, `LOS ANGELES (Reuters) -`, `CAIRO —`. */
export interface FoundDateline {
  /** The dateline as printed, e.g. `MOSCOW (AP) —`. */
  text: string;
  /** The agency named in parentheses, when there is one. */
  outlet: string | null;
}

// A place in capitals (optionally ", Region"), then an agency in parentheses, then a dash or tilde.
// Bounded quantifiers only: the pattern runs once per paragraph and must stay linear.
const datelinePattern =
  /^((?:\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}?(?:,\s*\p{Lu}[\p{L}.' -]{1,30}?)?\s*)?(?:\(([\p{L}][\p{L}\p{N} .&/-]{0,30})\)\s*)?(?:~|—|–|--|-|:)\s)/u;

// "(CNN) Power was restored …": an agency's initials in parentheses open the lead, with no dash.
const bareAgencyPattern = /^\((\p{Lu}[\p{Lu}\p{N}.&/-]{1,15})\)\s+(?=\p{Lu})/u;

export function findDateline(paragraph: string): FoundDateline | null {
  const m = datelinePattern.exec(paragraph);
  if (!m) {
    const bare = bareAgencyPattern.exec(paragraph);
    return bare?.[1] ? { text: bare[0].trim(), outlet: bare[1] } : null;
  }
  const text = (m[1] ?? "").trim();
  const outlet = m[2]?.trim() ?? null;
  const place = text.replace(/\([^)]*\)/u, "").replace(/[~—–:-]+$/u, "").trim();
  // "The —" or "A -" is prose, not a place: a place in capitals has at least two letters, all upper case.
  const placeOk = place.length >= 2 && place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
  if (!outlet && !placeOk) return null;
  if (text.endsWith(":") && !outlet) return null;
  return { text, outlet };
}
