/** The built site served the way `newsarchive serve` serves it, with a log of every request. */
import type { AddressInfo } from "node:net";
import { startStaticServer } from "../../src/cli/serve/static-server.ts";

export interface StaticServer {
  origin: string;
  /** Every path requested, for tests that check nothing left the prefix. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(root: string, pathPrefix = "/"): Promise<StaticServer> {
  const requests: string[] = [];
  const server = await startStaticServer(root, pathPrefix, 0);
  server.prependListener("request", (request: { url?: string }) => {
    requests.push(decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
