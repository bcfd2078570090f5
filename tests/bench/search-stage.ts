// The search stage on its own, for the benchmark: reads content/ and the registries of the
// project in the working folder and indexes dist/, as `newsarchive build` does after rendering.
// Prints one JSON line: {"articles", "shards", "rebuilt"}.
import { join } from "node:path";
import { projectPaths } from "../../src/config.ts";
import { loadContent } from "../../src/content/index.ts";
import { loadRegistries } from "../../src/enrich/registries.ts";
import { indexSearch } from "../../src/search/index.ts";

const paths = projectPaths();
const content = await loadContent(paths.content, { root: paths.root });
const registries = await loadRegistries(paths.data);
const articles = content.entries.filter((e) => e.draft !== true).map((e) => e.article);
const report = await indexSearch({
  siteDir: paths.dist,
  articles,
  cacheDir: join(paths.cache),
  pathPrefix: "/",
  registries: registries.registries,
});
console.log(JSON.stringify({ articles: report.articles, shards: report.shards.length, rebuilt: report.rebuilt }));
