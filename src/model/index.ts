export * from "./article.ts";
export * from "./diagnostic.ts";
export * from "./dump.ts";
export * from "./slug.ts";
export * from "./registry.ts";
export * from "./body-digest.ts";
