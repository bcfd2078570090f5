/**
 * Credited outlet names → registry outlets. Matching ignores case and punctuation and looks at
 * names and aliases; "Mac & i (heise online)" also tries the parts in and outside parentheses.
 * An outlet the registry lacks keeps its own name, gets a slug of its own and is reported once.
 */
import type { Diagnostic, OutletEntry, OutletRef } from "../model/index.ts";
import { slugify } from "../model/index.ts";
import { compareStrings, nameKey, sha256Hex } from "./text.ts";

export interface OutletResolution {
  outlet: OutletRef;
  /** The registry entry, or null for an outlet the registry lacks. */
  entry: OutletEntry | null;
}

export interface UnknownOutletSighting {
  dump: string;
  line: number;
}

export class OutletMatcher {
  readonly #byKey = new Map<string, OutletEntry>();
  readonly #unknown = new Map<string, { entry: OutletEntry; sightings: UnknownOutletSighting[] }>();
  readonly #slugs = new Set<string>();
  readonly #byHost = new Map<string, OutletEntry>();

  constructor(outlets: readonly OutletEntry[]) {
    for (const entry of outlets) {
      this.#slugs.add(entry.slug);
      const host = entry.homepage ? hostOf(entry.homepage) : undefined;
      if (host && !this.#byHost.has(host)) this.#byHost.set(host, entry);
      for (const name of [entry.name, ...entry.aliases]) {
        const key = nameKey(name);
        // The first entry to claim a name keeps it (the registry loader warns about the clash).
        if (key && !this.#byKey.has(key)) this.#byKey.set(key, entry);
      }
    }
  }

  /** The registry entry a credited name means, or undefined. */
  find(credited: string): OutletEntry | undefined {
    const whole = this.#byKey.get(nameKey(credited));
    if (whole) return whole;
    // "ACLU (American Civil Liberties Union)", "Mac & i (heise online)": try each part.
    const inParentheses = [...credited.matchAll(/\(([^()]+)\)/g)].map((match) => match[1] ?? "");
    const outside = credited.replace(/\([^()]*\)/g, " ");
    for (const part of [...inParentheses, outside]) {
      const entry = this.#byKey.get(nameKey(part));
      if (entry) return entry;
    }
    return undefined;
  }

  /**
   * The registry entry whose homepage is on the same site as a page's URL, or undefined: a page
   * captured from bbc.co.uk that credits no outlet is BBC News's.
   */
  findByUrl(url: string): OutletEntry | undefined {
    const host = hostOf(url);
    if (!host) return undefined;
    return this.#byHost.get(host);
  }

  /** Resolves a credited name; unknown names are remembered for `unknownOutlets` and `diagnostics`. */
  resolve(credited: string, sighting: UnknownOutletSighting): OutletResolution {
    const entry = this.find(credited);
    if (entry) return { outlet: { name: entry.name, slug: entry.slug }, entry };
    const key = nameKey(credited);
    let unknown = this.#unknown.get(key);
    if (!unknown) {
      const name = credited.replace(/\s+/g, " ").trim();
      unknown = { entry: { name, slug: this.#freshSlug(name), aliases: [] }, sightings: [] };
      this.#unknown.set(key, unknown);
    }
    unknown.sightings.push(sighting);
    return { outlet: { name: unknown.entry.name, slug: unknown.entry.slug }, entry: null };
  }

  /** Outlets met in dumps that the registry lacks, as entries the site can list. */
  unknownOutlets(): OutletEntry[] {
    return [...this.#unknown.values()].map((unknown) => unknown.entry).sort((a, b) => compareStrings(a.slug, b.slug));
  }

  /** One `unknown-outlet` warning per outlet the registry lacks, at its first sighting. */
  diagnostics(registryFile = "content/_data/outlets.yaml"): Diagnostic[] {
    return [...this.#unknown.values()]
      .sort((a, b) => compareStrings(a.entry.slug, b.entry.slug))
      .map(({ entry, sightings }) => {
        const first = [...sightings].sort((a, b) => compareStrings(a.dump, b.dump) || a.line - b.line)[0]!;
        const more = sightings.length > 1 ? ` (and ${sightings.length - 1} more time${sightings.length > 2 ? "s" : ""})` : "";
        return {
          id: "unknown-outlet",
          level: "warning",
          message: `The outlet "${entry.name}" is not in ${registryFile}; its articles are filed under "/outlets/${entry.slug}/"${more}.`,
          file: `seeds/${first.dump}`,
          line: first.line,
          hint: `Add "${entry.name}" to ${registryFile} (name, slug, homepage, description), or add it as an alias of the outlet it belongs to.`,
        } satisfies Diagnostic;
      });
  }

  #freshSlug(name: string): string {
    // Names in scripts with no Latin form get a stable slug from the name itself.
    const base = slugify(name) || `outlet-${sha256Hex(name).slice(0, 8)}`;
    let slug = base;
    if (this.#slugs.has(slug)) slug = `${base}-${sha256Hex(name).slice(0, 6)}`;
    this.#slugs.add(slug);
    return slug;
  }
}

/** A URL's host without "www.", or undefined when it is not a URL. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}
