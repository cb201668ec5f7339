/**
 * The renderer belongs to its own TypeScript project (tsconfig.web.json, DOM
 * types), which the node project cannot import from. These tests therefore load
 * the renderer's pure modules at run time (vitest transforms them) and describe
 * the few shapes they use; the modules themselves are type-checked by the web
 * project.
 */
export async function loadRenderer<T>(modulePath: string): Promise<T> {
  const url = new URL(`../../src/renderer/src/${modulePath}`, import.meta.url).href;
  return (await import(/* @vite-ignore */ url)) as T;
}
