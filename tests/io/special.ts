/** A backup holding one paper whose every text field is full of LaTeX specials. */
export const TRICKY_TITLE =
  "R&D at 100% for snake_case: {Braces}, ~Tilde, x^2, #1, $5, back\\slash, <Tags>, a--b, ''quoted'' & Ünïcödé — 日本語";

export const TRICKY_AUTHORS = [
  'Jörg Müller',
  'Ludwig van Beethoven',
  'Martin Luther King Jr.',
  'Zoë Ørsted-Ærø',
  '李明',
  'Ana de la Cruz',
  'Amy_Underscore Smith&Jones',
];

export function trickyBackup(): string {
  return JSON.stringify({
    format: 'papershelf-backup',
    version: 1,
    tags: [{ name: 'R&D_100%', color: '#ff0000' }],
    papers: [
      {
        id: '2501.01234',
        title: TRICKY_TITLE,
        authors: TRICKY_AUTHORS,
        abstract: 'Uses 50% less memory & {more}.',
        publishedAt: '2025-01-02T10:00:00.000Z',
        tags: ['R&D_100%'],
        note: 'A note with ~ and {braces}',
      },
    ],
  });
}
