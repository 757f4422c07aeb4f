/** The repository: entry points are named relative to it. */
export declare const REPO_DIR: string;
/** Where compiled versions of src/ live, one folder per version of the sources. */
export declare const COMPILED_DIR: string;
/** Compiles src/ to plain JavaScript once per version of the sources; returns that version's root. */
export declare function compiledApp(): Promise<string>;
