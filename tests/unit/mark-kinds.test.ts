// The mark-kind registry against what cannot be derived from it: the highlight colours in
// extension/content.css, and the engine's list of kinds.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/engine/kinds';
import { highlightName, MARK_KIND_INFO, MARK_KINDS } from '../../src/shared/mark-kinds';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { prefsSchema } from '../../src/shared/schemas';
import { ROOT } from '../support/kb';

const css = readFileSync(path.join(ROOT, 'extension/content.css'), 'utf8');

describe('mark kinds', () => {
  it('every registered kind has its highlight in content.css, light and dark', () => {
    const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
    for (const kind of MARK_KINDS) {
      expect(light, `::highlight(${highlightName(kind)}) in content.css`).toContain(`::highlight(${highlightName(kind)})`);
      expect(dark, `dark ::highlight(${highlightName(kind)}) in content.css`).toContain(`::highlight(${highlightName(kind)})`);
    }
  });

  it('marks are a tint only: no highlight style gives text visual overflow', () => {
    // A text-decoration or text-shadow in a ::highlight() makes Chromium recompute the whole
    // document's overflow on every frame after a style change (bench/style-frame-probe.ts).
    const properties = [...css.matchAll(/::highlight\([^)]+\)[^{]*\{([^}]*)\}/g)].flatMap((m) =>
      [...m[1]!.matchAll(/([a-z-]+)\s*:/g)].map((p) => p[1]),
    );
    expect(properties.length).toBeGreaterThan(0);
    expect(new Set(properties)).toEqual(new Set(['background-color', 'color']));
  });

  it('every kind keeps the system colours for marked text in a forced-colors (high contrast) theme', () => {
    const forced = css.split('@media (forced-colors: active)')[1] ?? '';
    for (const kind of MARK_KINDS) expect(forced, `${kind} under forced colors`).toContain(`::highlight(${highlightName(kind)})`);
    expect(forced).toContain('background-color: Mark;');
  });

  it('content.css names no highlight that is not a registered kind', () => {
    const named = [...css.matchAll(/::highlight\(([^)]+)\)/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set(MARK_KINDS.map(highlightName)));
  });

  it('the registry describes every kind the engine knows, and the prefs cover them all', () => {
    expect(Object.keys(MARK_KIND_INFO).sort()).toEqual([...ENTITY_KINDS].sort());
    expect(Object.keys(DEFAULT_PREFS.kinds).sort()).toEqual([...MARK_KINDS].sort());
    expect(prefsSchema.safeParse(DEFAULT_PREFS).success).toBe(true);
    expect(prefsSchema.safeParse({ ...DEFAULT_PREFS, kinds: { person: true, body: true } }).success).toBe(false);
    expect(prefsSchema.safeParse({ ...DEFAULT_PREFS, kinds: { ...DEFAULT_PREFS.kinds, place: true } }).success).toBe(false);
  });
});
