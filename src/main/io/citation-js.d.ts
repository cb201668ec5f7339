// @citation-js ships no type declarations; only what io/cite.ts and the tests use.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: Array<Record<string, unknown>>;
    format(
      kind: 'bibliography' | 'citation',
      options?: { format?: 'text' | 'html'; template?: string; lang?: string },
    ): string;
  }
}
declare module '@citation-js/plugin-csl';
