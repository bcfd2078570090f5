/** Types of compiled-code.js (plain JavaScript: it runs before any TypeScript can). */
export function compiledSources(packageRoot: string): Promise<URL | null>;
