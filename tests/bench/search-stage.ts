// The search stage on its own, for the benchmark: reads content/ and the registries of the
// project in the working folder and indexes dist/, as `newsarchive build` does beside rendering,
// then records the bundles as live (as the build's publishing step does), so that the next build
// knows them. Prints one JSON line: {"articles", "shards", "rebuilt"}.
import { join } from "node:path";
import { projectPaths } from "../../src/config.ts";
import { loadContent } from "../../src/content/index.ts";
import { loadRegistries } from "../../src/enrich/registries.ts";
import { indexSearch, SEARCH_MANIFEST_KEY } from "../../src/search/index.ts";
import { commitManifest, OutputReuse } from "../../src/site/index.ts";

const paths = projectPaths();
const content = await loadContent(paths.content, { root: paths.root, cacheDir: paths.cache });
const registries = await loadRegistries(paths.data, { cacheDir: paths.cache });
const articles = content.entries.filter((e) => e.draft !== true).map((e) => e.article);
const report = await indexSearch({
  siteDir: paths.dist,
  articles,
  cacheDir: join(paths.cache),
  pathPrefix: "/",
  registries: registries.registries,
});
const live = await OutputReuse.open(paths.cache, "search-live", SEARCH_MANIFEST_KEY, null);
for (const shard of report.shards) live.keep(`search-index/${shard.name}`, shard.hash);
await live.saveNext();
await commitManifest(paths.cache);
console.log(JSON.stringify({ articles: report.articles, shards: report.shards.length, rebuilt: report.rebuilt }));
