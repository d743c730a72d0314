// What the KB already holds, for npm run kb:propose: every alias (any case), the ignore
// list's texts, and the words quoted for each pledge.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { canonicalQuote, canonicalText } from '../engine/chars';
import type { KbBundle } from '../kb/bundle';

const fold = (s: string) => canonicalText(s).toLowerCase();

interface KnownTexts {
  has: (text: string) => boolean;
  quotesPledge: (sentence: string) => boolean;
}

export function knownTexts(bundle: Pick<KbBundle, 'dictionary' | 'pledges'>, ignore: readonly string[]): KnownTexts {
  const texts = new Set([
    ...bundle.dictionary.patterns.map((p) => fold(p.text)),
    ...bundle.dictionary.entities.map((e) => fold(e.name)),
    ...ignore.map(fold),
  ]);
  const quotes = bundle.pledges.flatMap((p) => p.words.flatMap((w) => (w.quote ? [canonicalQuote(w.quote).toLowerCase()] : [])));
  return {
    has: (text) => texts.has(fold(text)),
    quotesPledge: (sentence) => {
      const s = canonicalQuote(sentence).toLowerCase();
      return quotes.some((q) => s.includes(q) || q.includes(s));
    },
  };
}

/** The texts on seeds/kb/ignore/*.yaml (names deliberately not entities). */
export function readIgnoreList(seedsDir: string): string[] {
  const dir = path.join(seedsDir, 'kb', 'ignore');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => {
      const doc: unknown = YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      return Array.isArray(doc)
        ? doc.flatMap((e) =>
            e && typeof e === 'object' && typeof (e as { text?: unknown }).text === 'string' ? [(e as { text: string }).text] : [],
          )
        : [];
    });
}
