import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { runMeasured, type Measured } from "./measure.ts";

/** Whether Debian's `hugo` is on the PATH; installs it with apt-get when allowed and missing. */
export function ensureHugo(install: boolean): boolean {
  const has = (): boolean => {
    try {
      execFileSync("hugo", ["version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return true;
  if (!install) return false;
  process.stderr.write("hugo is missing: running apt-get install -y hugo (Debian's package)\n");
  try {
    execFileSync("apt-get", ["install", "-y", "hugo"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } catch {
    return false;
  }
  return has();
}

const LAYOUTS: Record<string, string> = {
  "_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><nav><a href="/">Home</a> <a href="/outlets/">Outlets</a> <a href="/topics/">Topics</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>`,
  "_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ with .Params.outletName }}{{ . }}{{ end }} {{ if not .Date.IsZero }}{{ .Date.Format "2006-01-02" }}{{ else }}undated{{ end }}</p>{{ .Content }}<ul>{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>{{ end }}`,
  "_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ if not .Date.IsZero }}{{ .Date.Format "2006-01-02" }}{{ end }}</li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}`,
  "_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}`,
  "index.html": `{{ define "main" }}<h1>Archive</h1><ul>{{ range (.Paginate site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}`,
};

interface FrontMatter {
  slug: string;
  headline: string;
  outlet: { name: string; slug: string } | null;
  date: string | null;
  topics: string[];
}

/**
 * Writes a minimal Hugo site for the articles of `contentDir`: one page per article with the
 * same Markdown body, outlet and topic taxonomies, lists paginated by 20 (Hugo's defaults
 * otherwise, RSS feeds included). Front matter is translated (headline → title, outlet → the
 * `outlets` taxonomy); that translation is not timed.
 */
export function writeHugoSite(contentDir: string, siteDir: string): number {
  mkdirSync(join(siteDir, "content", "articles"), { recursive: true });
  writeFileSync(
    join(siteDir, "hugo.toml"),
    `baseURL = "http://localhost/"\ntitle = "Archive"\npaginate = 20\n[taxonomies]\n  outlet = "outlets"\n  topic = "topics"\n`,
  );
  for (const [path, text] of Object.entries(LAYOUTS)) {
    mkdirSync(join(siteDir, "layouts", path, ".."), { recursive: true });
    writeFileSync(join(siteDir, "layouts", path), text);
  }
  let pages = 0;
  for (const folder of readdirSync(contentDir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith("_") || folder.name.startsWith(".")) continue;
    for (const file of readdirSync(join(contentDir, folder.name))) {
      if (!file.endsWith(".md")) continue;
      const text = readFileSync(join(contentDir, folder.name, file), "utf8");
      const end = text.indexOf("\n---", 4);
      const data = parse(text.slice(4, end)) as FrontMatter;
      const front = {
        title: data.headline,
        slug: data.slug,
        ...(data.date ? { date: data.date } : {}),
        outlets: data.outlet ? [data.outlet.slug] : [],
        outletName: data.outlet?.name ?? null,
        topics: data.topics,
      };
      writeFileSync(join(siteDir, "content", "articles", `${data.slug}.md`), `${JSON.stringify(front)}\n${text.slice(text.indexOf("\n", end + 1) + 1)}`);
      pages += 1;
    }
  }
  return pages;
}

export function runHugo(siteDir: string): Promise<Measured> {
  return runMeasured("hugo", ["--quiet", "--source", siteDir, "--destination", join(siteDir, "public")], { cwd: siteDir });
}
