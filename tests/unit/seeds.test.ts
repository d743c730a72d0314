// The real knowledge base on the five seed articles: the mentions a reader must see, and none they must not.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Match } from '../../src/engine/engine';
import type { KbBundle } from '../../src/kb/bundle';
import { SEEDS, realKb } from '../support/kb';

let engine: Engine;
let bundle: KbBundle;
const seed: Record<string, { text: string; matches: Match[] }> = {};

beforeAll(() => {
  const kb = realKb();
  engine = kb.engine;
  bundle = kb.result.bundle;
  for (const a of bundle.articles) {
    const text = fs.readFileSync(path.join(SEEDS, a.file), 'utf8');
    seed[a.id] = { text, matches: engine.annotate(text, { date: a.date }) };
  }
});

/** Every occurrence of `needle` in the seed and the entity each one links to (undefined = not linked). */
function linksOf(id: string, needle: string | RegExp): (string | undefined)[] {
  const { text, matches } = seed[id]!;
  const re = typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : needle;
  return [...text.matchAll(re)].map((m) => matches.find((x) => x.start <= m.index && m.index < x.end)?.id);
}

describe('seed 000 (HSJ leader, March 2016)', () => {
  it('links the people, bodies and terms it names', () => {
    expect(linksOf('000', 'Jeremy Hunt')).toEqual(['jeremy-hunt']);
    expect(linksOf('000', /Mr Hunt/g).every((x) => x === 'jeremy-hunt')).toBe(true);
    expect(linksOf('000', 'British Medical Association')).toEqual(['bma']);
    expect(linksOf('000', 'JDC')).toEqual(['bma-jdc']);
    expect(linksOf('000', 'Simon Stevens')).toEqual(['simon-stevens']);
    expect(linksOf('000', 'Dr Jennifer Dixon')).toEqual(['jennifer-dixon']);
    expect(linksOf('000', 'Claire Murdoch')).toEqual(['claire-murdoch']);
    expect(linksOf('000', 'Carter review')).toEqual(['carter-review']);
    expect(linksOf('000', 'Number 10')).toEqual(['number-10']);
  });
  it('resolves "the PM" to the prime minister of March 2016', () => {
    expect(seed['000']!.matches.find((m) => m.text === 'the PM')).toMatchObject({ id: 'david-cameron', kind: 'role' });
  });
  it('does not read the common word "trust" as a name', () => {
    expect(linksOf('000', /\btrust\b/g).every((x) => x === undefined)).toBe(true);
  });
});

describe('seed 001 (King’s Fund blog, July 2015)', () => {
  it('links names, including the merged regulators', () => {
    expect(linksOf('001', 'Nye Bevan')).toEqual(['aneurin-bevan']);
    expect(linksOf('001', 'Don Berwick')).toEqual(['don-berwick']);
    expect(linksOf('001', 'Francis report')).toEqual(['francis-report']);
    expect(linksOf('001', 'Monitor/')).toEqual(['monitor']);
    expect(linksOf('001', 'Trust Development Authority')).toEqual(['nhs-tda']);
    expect(linksOf('001', 'Devo Manc')).toEqual(['devo-manc']);
    expect(linksOf('001', 'Health and Social Care Act 2012')).toEqual(['hsca-2012']);
    expect(linksOf('001', 'Salford Royal')).toEqual(['salford-royal']);
  });
  it('resolves "The Health Secretary" in July 2015 to Jeremy Hunt', () => {
    const m = seed['001']!.matches.find((x) => x.text === 'Health Secretary');
    expect(m).toMatchObject({ id: 'jeremy-hunt', kind: 'role', role: 'health-secretary' });
  });
  it('does not take "the Fund" for the King’s Fund when the post never names it', () => {
    expect(linksOf('001', /the Fund/g).every((x) => x === undefined)).toBe(true);
  });
});

describe('seed 002 (HSJ, June 2018)', () => {
  it('resolves "the health secretary" to Jeremy Hunt', () => {
    const roles = seed['002']!.matches.filter((m) => /^health secretary$/i.test(m.text));
    expect(roles.length).toBeGreaterThan(5);
    expect(roles.every((m) => m.id === 'jeremy-hunt' && m.kind === 'role')).toBe(true);
  });
  it('links the renamed department, arm’s-length bodies and LHCREs', () => {
    expect(linksOf('002', 'DHSC').every((x) => x === 'dh')).toBe(true);
    expect(linksOf('002', 'Department of Health and Social Care').every((x) => x === 'dh')).toBe(true);
    expect(linksOf('002', /\bALBs?\b/g).every((x) => x === 'alb')).toBe(true);
    expect(linksOf('002', /\bLHCREs?\b/g).every((x) => x === 'lhcre')).toBe(true);
    expect(linksOf('002', 'Norman Fowler')).toEqual(['norman-fowler']);
    expect(linksOf('002', 'Nick Timmins')).toEqual(['nick-timmins']);
    expect(linksOf('002', 'NHS App')).toEqual(['nhs-app']);
  });
});

describe('seed 003 (HSJ live blog, 29 October 2015)', () => {
  it('links every CCG and CCGs to clinical commissioning group', () => {
    const links = linksOf('003', /\bCCGs?\b/g);
    expect(links.length).toBeGreaterThanOrEqual(9);
    // "CCG ratings" is the Ofsted-style ratings plan; every other use is the body.
    const { text, matches } = seed['003']!;
    for (const m of text.matchAll(/\bCCGs?\b/g)) {
      const hit = matches.find((x) => x.start <= m.index && m.index < x.end);
      expect(hit?.id === 'ccg' || hit?.id === 'ofsted-style-ratings').toBe(true);
      if (hit?.id !== 'ccg') expect(hit?.text).toBe('CCG ratings');
    }
  });
  it('never links Jeremy Hughes to Jeremy Hunt', () => {
    expect(linksOf('003', 'Jeremy Hughes')).toEqual(['jeremy-hughes']);
  });
  it('links the seed’s misspellings to the right people and bodies', () => {
    expect(linksOf('003', 'Robert Wacther')).toEqual(['robert-wachter']);
    expect(linksOf('003', 'Hugo-Mascie Taylor')).toEqual(['hugo-mascie-taylor']);
    expect(linksOf('003', 'King’sFund')).toEqual(['kings-fund']);
    expect(linksOf('003', 'Kathy Warwick')).toEqual(['cathy-warwick']);
  });
  it('links surnames on a live blog whose full names come further down', () => {
    expect(linksOf('003', 'Mr McLellan').every((x) => x === 'alastair-mclellan')).toBe(true);
    expect(linksOf('003', 'Mr Kelsey')).toEqual(['tim-kelsey']);
    expect(linksOf('003', /Sir John’s/g)).toEqual(['john-oldham']);
  });
  it('links the other people and bodies of the lecture coverage', () => {
    for (const [needle, id] of [
      ['Saffron Cordery', 'saffron-cordery'],
      ['Dr Steve Kell', 'steve-kell'],
      ['NHSCC', 'nhs-clinical-commissioners'],
      ['Sir Mike Richards', 'mike-richards'],
      ['Dame Fiona Caldicott', 'fiona-caldicott'],
      ['Martha Lane Fox', 'martha-lane-fox'],
      ['Andy Cowper', 'andy-cowper'],
      ['Shaun Lintern', 'shaun-lintern'],
      ['David Williams', 'david-williams'],
      ['Neil Grant', 'neil-grant'],
      ['Five Year Forward View', 'five-year-forward-view'],
      ['success regime', 'success-regime'],
      ['MyNHS', 'mynhs'],
      ['Royal College of GPs', 'rcgp'],
      ['Mid Staffordshire Foundation Trust', 'mid-staffs'],
    ] as const)
      expect(linksOf('003', needle)[0], needle).toBe(id);
  });
});

describe('seed 004 (Lyn Whitfield blog, April 2015)', () => {
  it('links the misspelt "Jermy Hunt" and the pledge terms', () => {
    expect(linksOf('004', 'Jermy Hunt')).toEqual(['jeremy-hunt', 'jeremy-hunt']);
    expect(linksOf('004', '“paperless NHS”'.slice(1, -1))).toEqual(['paperless-nhs']);
    expect(linksOf('004', 'Andrew Lansley')).toEqual(['andrew-lansley']);
    expect(linksOf('004', 'David Cameron')).toEqual(['david-cameron']);
    expect(linksOf('004', 'e-prescribing')).toEqual(['e-prescribing']);
  });
});

describe('the KB bundle', () => {
  it('links every entity mention back to its article and sentence', () => {
    const hunt = bundle.entities.find((e) => e.id === 'jeremy-hunt')!;
    expect(new Set(hunt.mentions.map((m) => m.article))).toEqual(new Set(['000', '001', '002', '003', '004']));
    for (const m of hunt.mentions) {
      expect(seed[m.article]!.text.slice(m.start, m.end)).toBe(m.text);
      expect(m.sentence.replace(/…/g, '')).toContain(m.text.replace(/\s+/g, ' '));
    }
  });
  it('covers the seeds completely', () => {
    expect(realKb().result.coverage.uncovered).toEqual([]);
  });
  it('has the required entities, roles and pledges', () => {
    const ids = new Set([...bundle.entities, ...bundle.roles, ...bundle.pledges].map((x) => x.id));
    for (const id of [
      'jeremy-hunt',
      'simon-stevens',
      'wes-streeting',
      'amanda-pritchard',
      'keir-starmer',
      'cqc',
      'nhs-england',
      'nice',
      'ccg',
      'integrated-care-board',
      'lhcre',
      'stp',
      'health-secretary',
      'paperless-nhs-2018',
    ])
      expect(ids.has(id), id).toBe(true);
    expect(bundle.pledges.length).toBeGreaterThanOrEqual(15);
  });
});

describe('the shipped automaton', () => {
  it('is compiled into the bundle and finds on every seed what the patterns alone find', () => {
    const automaton = bundle.dictionary.automaton;
    expect(automaton?.ends.length).toBe(bundle.dictionary.patterns.length);
    const { automaton: _, ...withoutAutomaton } = bundle.dictionary;
    const fromPatterns = createEngine(withoutAutomaton);
    const shipped = createEngine(JSON.parse(JSON.stringify(bundle.dictionary)) as typeof bundle.dictionary);
    for (const a of bundle.articles)
      expect(shipped.annotate(seed[a.id]!.text, { date: a.date })).toEqual(fromPatterns.annotate(seed[a.id]!.text, { date: a.date }));
  });
});
