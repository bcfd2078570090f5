import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join } from "node:path";
import { isInside } from "../../content/paths.ts";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
};

/** The file for a request path under the prefix, or undefined (outside the prefix or dist/). */
export async function fileForRequest(distDir: string, pathPrefix: string, urlPath: string): Promise<string | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.replace(/[?#].*$/, ""));
  } catch {
    return undefined;
  }
  if (`${path}/` === pathPrefix) path = pathPrefix;
  if (!path.startsWith(pathPrefix)) return undefined;
  const relativePath = path.slice(pathPrefix.length);
  const candidate = join(distDir, ...relativePath.split("/"));
  if (!isInside(distDir, candidate)) return undefined;
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) {
    const index = join(candidate, "index.html");
    return (await stat(index).catch(() => undefined))?.isFile() ? index : undefined;
  }
  return undefined;
}

/**
 * A small static file server for previewing dist/ under its path prefix. Development only: it
 * serves files, nothing else, and never from outside dist/.
 */
export function startStaticServer(distDir: string, pathPrefix: string, port: number, host = "127.0.0.1"): Promise<Server> {
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (pathPrefix !== "/" && (url === "/" || url === "")) {
      response.writeHead(302, { location: pathPrefix }).end();
      return;
    }
    fileForRequest(distDir, pathPrefix, url).then(
      (file) => {
        if (file === undefined) {
          response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`not found: ${url}\n`);
          return;
        }
        const type = contentTypes[extname(file).toLowerCase()] ?? "application/octet-stream";
        response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
        createReadStream(file).pipe(response);
      },
      () => response.writeHead(500).end(),
    );
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}
