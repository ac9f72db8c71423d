// Types for find-browser.mjs, so playwright.config.ts and bench/run.ts type-check.
export interface ChromiumCandidate {
  source: string;
  path: string;
  usable: boolean;
}
export declare const CHROMIUM_ARGS: string[];
export declare const SYSTEM_CHROMIUM: string;
export declare function isExecutable(path: string | undefined | null): boolean;
export declare function playwrightCachePath(): string | null;
export declare function chromiumCandidates(): ChromiumCandidate[];
export declare function findChromiumWithSource(): { path: string; source: string } | null;
export declare function findChromium(): string | null;
