/**
 * `1.5 MB`: byte counts as people read them, in one unit system everywhere
 * (the CLI, the PDF pane, the backups dialog): decimal, like the OS file
 * managers (1 kB = 1000 bytes).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
