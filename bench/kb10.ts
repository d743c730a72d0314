// The synthetic knowledge base ten times the size of the shipped one (issue 13): the
// shipped kb.json with its dictionary recompiled, by the same compiler, from the seeds'
// entities and roles plus nine renamed copies of each (every alias gets a made-up first
// word, so each copy is a branch of its own in the automaton and none occurs in a page).
// The page then finds exactly what it finds with the shipped KB; only the KB's size differs.

import fs from 'node:fs';
import type { KbBundle } from '../src/shared/kb-bundle';
import { compileDictionary } from '../src/kb/compile-dictionary';
import { KbBuildError, type Problem } from '../src/kb/problems';
import { readSources, type Sources } from '../src/kb/sources';

export const KB_TIMES = 10;

/** A made-up word per copy: letters only, so the compiler treats the alias as it treats the original. */
const tag = (k: number) => `Qzv${String.fromCharCode(97 + k)}x`;

function tenfold(s: Sources): Sources {
  const copies = <T extends { value: { id: string; name: string; aliases: { text: string }[] } }>(list: T[]): T[] =>
    list.flatMap((e) =>
      Array.from({ length: KB_TIMES - 1 }, (_, k) => ({
        ...e,
        value: {
          ...e.value,
          id: `${e.value.id}-copy${k + 1}`,
          name: `${tag(k)} ${e.value.name}`,
          aliases: e.value.aliases.map((a) => ({ ...a, text: `${tag(k)} ${a.text}` })),
          // Copies hold no roles and define no class: the rules see only names.
          ...('roles' in e.value ? { roles: undefined } : {}),
          ...('instances' in e.value ? { instances: undefined } : {}),
          ...('not_this_role' in e.value ? { not_this_role: undefined } : {}),
        },
      })),
    );
  return { ...s, entities: [...s.entities, ...copies(s.entities)], roles: [...s.roles, ...copies(s.roles)] };
}

/** Writes the 10× kb.json next to the shipped one's contents; returns its dictionary's size against the shipped one. */
export function writeKb10(seedsDir: string, shippedKbJson: string, outPath: string): { patterns: number; shippedPatterns: number } {
  const problems: Problem[] = [];
  const sources = readSources(seedsDir, problems);
  if (problems.length) throw new KbBuildError(problems);
  const shipped = JSON.parse(fs.readFileSync(shippedKbJson, 'utf8')) as KbBundle;
  const version = `${shipped.version}.x${KB_TIMES}`;
  const dictionary = compileDictionary(tenfold(sources), version);
  fs.writeFileSync(outPath, JSON.stringify({ ...shipped, version, dictionary } satisfies KbBundle));
  return { patterns: dictionary.patterns.length, shippedPatterns: shipped.dictionary.patterns.length };
}
