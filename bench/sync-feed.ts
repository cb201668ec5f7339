/**
 * A generated Daily Papers feed for the sync benchmark: deterministic, in the
 * real wrapper format, with field lengths like the real feed's (titles of
 * 60-150 characters, abstracts of 1,000-2,200 with hard line breaks, 1-14
 * authors, an AI summary and keywords, a GitHub repo on about half).
 */

import { seededRandom as rng } from '../tests/helpers/seeded-random';

const WORDS = (
  'model language learning neural network transformer attention diffusion reasoning ' +
  'agent benchmark training inference scaling data token vision multimodal retrieval ' +
  'alignment reinforcement policy reward optimization efficient sparse mixture experts ' +
  'latent representation generation evaluation robust adaptive graph embedding speech ' +
  'video image code synthesis planning memory context window quantization distillation'
).split(' ');
const NAMES = (
  'Wei Li Zhang Wang Chen Liu Yang Huang Zhao Wu Maria Garcia Smith Johnson Kim Park ' +
  'Nguyen Müller Rossi Dubois Sato Tanaka Ivanova Kowalski Silva Santos Cohen Patel Singh'
).split(' ');

export interface GeneratedFeed {
  days: string[];
  /** What the feed answers for each day, as the JSON text a response carries. */
  bodies: Map<string, string>;
  papers: number;
}

export function generateFeed(dayCount: number, perDay: number, firstDay: string): GeneratedFeed {
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentenceText = (minChars: number, maxChars: number) => {
    const target = int(minChars, maxChars);
    let text = '';
    while (text.length < target) text += `${words(int(8, 18))}. `;
    return text.slice(0, target).trim();
  };
  const withLineBreaks = (text: string) => text.replace(/(.{70,90}?) /g, '$1\n');

  const days: string[] = [];
  const bodies = new Map<string, string>();
  const date = new Date(`${firstDay}T00:00:00Z`);
  let serial = 0;
  for (let d = 0; d < dayCount; d += 1) {
    const day = date.toISOString().slice(0, 10);
    date.setUTCDate(date.getUTCDate() + 1);
    days.push(day);
    const items = [];
    for (let i = 0; i < perDay; i += 1) {
      serial += 1;
      const yymm = `${String(23 + Math.floor(serial / 20000)).padStart(2, '0')}${String((serial % 12) + 1).padStart(2, '0')}`;
      const id = `${yymm}.${String(serial % 100000).padStart(5, '0')}`;
      const title = sentenceText(60, 150).replace(/\.$/, '');
      const hasRepo = random() < 0.5;
      items.push({
        paper: {
          id,
          authors: Array.from({ length: int(1, 14) }, (_, k) => ({
            _id: `${serial.toString(16)}${k}`.padStart(24, '0'),
            name: `${pick(NAMES)} ${pick(NAMES)}`,
            hidden: random() < 0.03,
            ...(random() < 0.2 ? { status: 'admin', user: { _id: 'u', user: 'someone' } } : {}),
          })),
          publishedAt: `${day}T00:00:00.000Z`,
          submittedOnDailyAt: `${day}T12:00:00.000Z`,
          title,
          submittedOnDailyBy: { _id: 'x', fullname: 'AK', name: 'akhaliq', type: 'user' },
          summary: withLineBreaks(sentenceText(1000, 2200)),
          upvotes: int(0, 300),
          discussionId: serial.toString(16).padStart(24, '0'),
          ai_summary: sentenceText(150, 300),
          ai_keywords: Array.from({ length: int(4, 12) }, () => words(int(1, 3))),
          ...(hasRepo
            ? {
                githubRepo: `https://github.com/${pick(NAMES).toLowerCase()}/${pick(WORDS)}-${serial}`,
                githubStars: int(0, 5000),
              }
            : {}),
          projectPage: random() < 0.2 ? `https://${pick(WORDS)}-${serial}.github.io/` : null,
          mediaUrls: [],
        },
        publishedAt: `${day}T12:00:00.000Z`,
        title,
        summary: '',
        thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
        numComments: int(0, 20),
        submittedBy: { _id: 'x', fullname: 'AK', name: 'akhaliq', type: 'user' },
        isAuthorParticipating: random() < 0.3,
        ...(random() < 0.3 ? { organization: { _id: 'o', name: 'lab', fullname: 'A Lab' } } : {}),
      });
    }
    bodies.set(day, JSON.stringify(items));
  }
  return { days, bodies, papers: serial };
}
