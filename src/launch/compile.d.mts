/** The repository: entry points are named relative to it. */
export declare const REPO_DIR: string;
/** Where compiled versions of src/ live, one folder per version of the sources. */
export declare const COMPILED_DIR: string;
/** Whether a path relative to the repository is one run.mjs starts (src/main.ts, src/cli/*.ts). */
export declare function isEntryPoint(rel: string): boolean;
/** Bundles src/ to plain JavaScript once per version of the sources; returns that version's root. */
export declare function compiledApp(): Promise<string>;
