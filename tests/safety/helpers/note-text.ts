/**
 * The exact text of note version `version` of a paper: a header naming both,
 * then filler of a size that varies with the version (from a line to ~40 KB),
 * so saves span from one page to many overflow pages. A torn or mixed-up write
 * cannot match it by accident.
 */
export function noteText(paperId: string, version: number): string {
  const header = `# Note on ${paperId}, version ${version}\n\n`;
  const blocks = (version * 7919) % 80;
  const filler = Array.from(
    { length: blocks },
    (_, i) => `Paragraph ${i} of version ${version}: ${'lorem ipsum dolor '.repeat(27)}\n`,
  ).join('');
  return `${header}${filler}<!-- end ${paperId} ${version} -->`;
}

/** The version a stored note claims to be, or null when it is not a note this test wrote. */
export function noteVersion(markdown: string): number | null {
  const m = /^# Note on .+, version (\d+)\n/.exec(markdown);
  return m ? Number(m[1]) : null;
}
