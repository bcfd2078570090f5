export { lookupError, catalogueEntries, type CatalogueEntry } from "./catalogue.ts";
export {
  formatDiagnostic,
  printDiagnostics,
  sortDiagnostics,
  countDiagnostics,
  hasErrors,
  wantsColor,
  type PrintOptions,
  type DiagnosticCounts,
} from "./printer.ts";
