// The classes the KB explains by a name's ending or start ("… NHS Foundation Trust",
// "Royal College of …"): which class a longer name belongs to, and where a class's name ends.

import { endsWithWords, startsWithWords } from './context';
import { isWordChar } from './chars';
import type { DictClass } from './dictionary';

export interface ClassNames {
  /** The class entity a longer (canonical) name belongs to, by its ending (longest first; a year after it aside) or its start. */
  classOf(name: string): number | undefined;
  /** Whether these (canonical) words are exactly a class's ending ("ICB"). */
  isEnding(words: string): boolean;
  /** Whether a (canonical) name holds a class's ending or start as whole words anywhere. */
  hasClassWords(name: string): boolean;
  /** Whether the text just before `end` is a class's ending, as a whole word ("… Hospital"). */
  endsClass(text: string, end: number): boolean;
}

export function classNames(classes: readonly DictClass[]): ClassNames {
  const allEndings = [...new Set(classes.flatMap((k) => k.endings))];
  const allClassWords = [...allEndings, ...classes.flatMap((k) => k.starts)];
  return {
    classOf(written) {
      const name = written.replace(/ \d{4}$/, ''); // "… Act 2019"
      let best: number | undefined;
      let bestLen = 0;
      for (const k of classes) {
        for (const e of k.endings)
          if (e.length > bestLen && endsWithWords(name, e)) {
            best = k.entity;
            bestLen = e.length;
          }
        for (const st of k.starts)
          if (st.length > bestLen && startsWithWords(name, st)) {
            best = k.entity;
            bestLen = st.length;
          }
      }
      return best;
    },
    isEnding: (words) => classes.some((k) => k.endings.includes(words)),
    hasClassWords: (name) => allClassWords.some((w) => ` ${name} `.includes(` ${w} `)),
    endsClass(text, end) {
      for (const e of allEndings) {
        const s = end - e.length;
        if (s > 0 && text.startsWith(e, s) && !isWordChar(text.charCodeAt(s - 1))) return true;
      }
      return false;
    },
  };
}
