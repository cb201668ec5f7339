import fs from 'node:fs';
import path from 'node:path';

/**
 * Rewrite one `## heading` section of docs/benchmarks.md (up to the next
 * `## `), or append it; each benchmark owns one section and leaves the rest.
 */
export function writeBenchmarkSection(heading: string, markdown: string): void {
  const file = path.resolve(__dirname, '../docs/benchmarks.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = current.search(new RegExp(`^${escaped}\\s*$`, 'm'));
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${markdown}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = `${current.slice(0, start)}${markdown}${after < 0 ? '' : current.slice(after)}`;
  }
  fs.writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
