/** The part of Eleventy 3's programmatic API we use: the package ships JavaScript without types. */
declare module "@11ty/eleventy" {
  export interface EleventyUserConfig {
    addFilter(name: string, callback: (...args: never[]) => unknown): void;
    addGlobalData(name: string, data: unknown): void;
    addTemplate(virtualInputPath: string, content: string, data: Record<string, unknown>): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setTemplateFormats(formats: string | string[]): void;
    setUseGitIgnore(enabled: boolean): void;
    setQuietMode(quiet: boolean): void;
    setDataDirectory(dir: string): void;
    setIncludesDirectory(dir: string): void;
    setLayoutsDirectory(dir: string): void;
    ignores: { add(glob: string): void };
    /** Eleventy's timings of its own steps and of configured functions (filters); undocumented. */
    benchmarkManager: { get(group: "Configuration"): { setIsVerbose(verbose: boolean): void } };
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    runMode?: "build" | "serve" | "watch";
    config?: (config: EleventyUserConfig) => void | Promise<void>;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions, eleventyConfig?: unknown);
    write(): Promise<unknown>;
    /** Renders every page to memory instead of writing it. */
    toJSON(): Promise<Array<{ url: string | false; inputPath: string; outputPath: string; content: string }>>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
  }
}
