/** Types of compiled-code.js (plain JavaScript: it runs before any TypeScript can). */
export function sourcesFingerprint(srcDir: string, files: readonly string[], compilerVersion: string): string;
export function compiledSources(packageRoot: string): Promise<URL | null>;
