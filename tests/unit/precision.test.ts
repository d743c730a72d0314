// Precision rules on the real knowledge base, each in both directions (must link, must not
// link), with sentences of our own; then whole articles of our own, through the engine and
// through `npm run annotate`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/cli/annotate-file';
import type { Engine, Match } from '../../src/engine/engine';
import { findAcronymDefinitions } from '../../src/engine/acronyms';
import { buildClassCard, NOT_INDIVIDUALLY, type KbLookup } from '../../src/shared/card-model';
import { ROOT, realKb } from '../support/kb';

let engine: Engine;
beforeAll(() => {
  engine = realKb().engine;
});
// A health-policy frame around a sentence, so that health context is never what decides.
const HEALTH = ' NHS England and the BMA met patients and nurses.';
const run = (text: string, date = '2025-06-12', lang?: string): Match[] => engine.annotate(text, { date, lang });
const links = (text: string, date?: string, lang?: string) =>
  run(text, date, lang).map((m) => [m.text, m.classOf ? `class:${m.classOf}` : m.id]);
const linked = (text: string, date?: string, lang?: string) => run(text, date, lang).map((m) => m.text);
const roleOf = (text: string, phrase: string, date = '2025-06-12', lang?: string) =>
  run(text, date, lang).find((m) => m.kind === 'role' && m.text.toLowerCase().endsWith(phrase.toLowerCase()))?.id;

describe('1. longer names', () => {
  it('links an unknown member of a known class to its class, as written', () => {
    expect(links('Borsetshire Hospitals NHS Foundation Trust said so.' + HEALTH)).toContainEqual([
      'Borsetshire Hospitals NHS Foundation Trust',
      'class:foundation-trust',
    ]);
    expect(links('Fictional and Made-up ICB said so.' + HEALTH)).toContainEqual([
      'Fictional and Made-up ICB',
      'class:integrated-care-board',
    ]);
    expect(links('Borsetshire NHS Trust said so.' + HEALTH)).toContainEqual(['Borsetshire NHS Trust', 'class:nhs-trust']);
    expect(links('NHS Borsetshire CCG said so in 2019.' + HEALTH)).toContainEqual(['NHS Borsetshire CCG', 'class:ccg']);
    expect(links('St Elsewhere Hospital and Ambridge Medical Centre and Borsetshire LMC met.' + HEALTH)).toEqual(
      expect.arrayContaining([
        ['St Elsewhere Hospital', 'class:hospital'],
        ['Ambridge Medical Centre', 'class:gp-practice'],
        ['Borsetshire LMC', 'class:lmc'],
      ]),
    );
    expect(links('The Royal College of Podiatry wrote to the Science and Technology Select Committee.' + HEALTH)).toEqual(
      expect.arrayContaining([
        ['Royal College of Podiatry', 'class:royal-college'],
        ['Science and Technology Select Committee', 'class:select-committee'],
      ]),
    );
    expect(links('The Borsetshire Maternity Inquiry cited the Ambridge Water Act 2019.' + HEALTH)).toEqual(
      expect.arrayContaining([
        ['Borsetshire Maternity Inquiry', 'class:public-inquiry'],
        ['Ambridge Water Act 2019', 'class:act-of-parliament'],
      ]),
    );
  });
  it('links a member the KB knows as itself, not as its class', () => {
    expect(links('Manchester University NHS Foundation Trust said so.' + HEALTH)[0]).toEqual([
      'Manchester University NHS Foundation Trust',
      'mft',
    ]);
    expect(links('Kent and Medway ICB said so.' + HEALTH)[0]).toEqual(['Kent and Medway ICB', 'icb-kent-and-medway']);
    expect(links('NHS Property Services owns buildings.' + HEALTH)[0]).toEqual(['NHS Property Services', 'nhs-property-services']);
    expect(links('The Royal College of Nursing and the Lampard Inquiry spoke.' + HEALTH).slice(0, 2)).toEqual([
      ['Royal College of Nursing', 'rcn'],
      ['Lampard Inquiry', 'lampard-inquiry'],
    ]);
  });
  it('never gives the inner name’s card: not GP, NHS or the generic ICB', () => {
    const inner = (t: string) => run(t + HEALTH).filter((m) => m.end <= t.length);
    for (const t of ['Borsetshire Hospitals NHS Foundation Trust said so.', 'Fictional and Made-up ICB said so.', 'The Monaco GP was won.'])
      expect(inner(t).map((m) => m.id)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(nhs|gp|integrated-care-board)$/)]));
    // A longer name of no known class links nothing: "NHS Improvement fund", "Borsetshire GP Awards".
    expect(links('The Borsetshire GP Awards and the NHS Improvement fund.' + HEALTH).slice(0, 1)).toEqual([['NHS England', 'nhs-england']]);
  });
  it('a term before "contract" or "committee" is the compound, not the term', () => {
    expect(linked('The GP contract was agreed.' + HEALTH)).not.toContain('GP');
    expect(linked('The QOF committee met.' + HEALTH)).not.toContain('QOF');
    expect(linked('GPs and the QOF were discussed.' + HEALTH)).toEqual(expect.arrayContaining(['GPs', 'QOF']));
  });
  it('in a title-case headline capitals name nothing, unless a class’s name is there', () => {
    expect(linked('Streeting Tells NHS England To Halve Corporate Costs' + '\n' + HEALTH)[0]).toBe('NHS England');
    expect(linked('Health Secretary Announces NHS Reforms To Cut Waiting Lists' + '\n' + HEALTH).slice(0, 2)).toEqual([
      'Health Secretary',
      'NHS',
    ]);
    expect(linked('CQC Rates Borsetshire Hospitals NHS Foundation Trust Inadequate' + '\n' + HEALTH)[0]).toBe('NHS England');
    // In running text the same words make a longer name.
    expect(linked('They said NHS Reforms Group met.' + HEALTH)[0]).toBe('NHS England');
  });
  it('keeps lists and modifiers apart from names', () => {
    expect(links('NHS England and NHS Improvement merged.')).toEqual([
      ['NHS England', 'nhs-england'],
      ['NHS Improvement', 'nhs-improvement'],
    ]);
    expect(linked('Britain’s NHS and NHS GPs and Scottish GPs.' + HEALTH).slice(0, 4)).toEqual(['NHS', 'NHS', 'GPs', 'GPs']);
  });
});

describe('2. role phrases in context', () => {
  it('past modifiers name the holder before the date, never the holder on it', () => {
    expect(roleOf('The former health secretary said so.', 'former health secretary')).toBe('victoria-atkins');
    expect(roleOf('The previous health secretary said so.', 'health secretary')).toBe('victoria-atkins');
    expect(roleOf('The ex-health secretary said so.', 'ex-health secretary')).toBe('victoria-atkins');
    expect(roleOf('The health secretary said so.', 'health secretary')).toBe('wes-streeting');
    expect(roleOf('The former health secretary said so.', 'former health secretary', '2015-06-01')).toBe('andrew-lansley');
  });
  it('"then" as an adverb is not a modifier', () => {
    expect(roleOf('He then met the health secretary.', 'health secretary')).toBe('wes-streeting');
  });
  it('shadow, deputy, junior, acting, interim: their own role or nothing', () => {
    for (const m of ['deputy', 'junior', 'acting', 'interim'])
      expect(roleOf(`The ${m} health secretary said so.`, 'health secretary')).toBeUndefined();
    expect(run('The shadow health secretary said so.').find((m) => m.kind === 'role')?.role).toBe('shadow-health-secretary');
  });
  it('a party word that contradicts the holder gives nothing; one that agrees picks that party’s holder', () => {
    expect(roleOf('The former Conservative health secretary said so.', 'health secretary')).toBe('victoria-atkins');
    expect(roleOf('The Conservative health secretary said so.', 'health secretary')).toBeUndefined();
    expect(roleOf('The Labour health secretary said so.', 'health secretary')).toBe('wes-streeting');
    expect(roleOf('The former Labour health secretary said so.', 'health secretary', '2015-06-01')).toBe('andy-burnham');
  });
  it('another country’s minister is not the UK’s; the devolved ones are theirs', () => {
    for (const q of ['Australian', 'Irish', 'US', 'Canada’s'])
      expect(
        run(`The ${q} health secretary said so.`)
          .filter((m) => m.kind === 'role')
          .map((m) => m.id),
      ).toEqual([]);
    expect(roleOf('In Scotland, the health secretary Neil Gray said so.', 'health secretary')).toBe('neil-gray');
    expect(roleOf('In Scotland, the health secretary said so.', 'health secretary')).toBe('neil-gray');
    expect(run('In Wales, the health secretary said so.').find((m) => m.kind === 'role')?.role).toBe('wales-health-minister');
    expect(roleOf('Scotland’s health secretary said so.', 'Scotland’s health secretary')).toBe('neil-gray');
  });
  it('a page in another English locale, or about another country, resolves no UK role unless it says UK', () => {
    for (const lang of ['en-AU', 'en-CA', 'en-US', 'en-NZ', 'en-IE', 'en-IN'])
      expect(roleOf('The health secretary said so.', 'health secretary', undefined, lang)).toBeUndefined();
    expect(roleOf('The UK health secretary said so.', 'health secretary', undefined, 'en-AU')).toBe('wes-streeting');
    expect(roleOf('The health secretary said so.', 'health secretary', undefined, 'en-GB')).toBe('wes-streeting');
    expect(roleOf('In Canberra, Australia’s leaders met. The health secretary said so.', 'health secretary')).toBeUndefined();
  });
});

describe('3. other senses of ambiguous aliases', () => {
  it('motor racing’s GP is never a general practitioner', () => {
    const t = 'Taken to hospital, the driver saw doctors and nurses. The Monaco GP, the Australian GP, GP2 and MotoGP. Grand Prix.';
    expect(run(t).filter((m) => m.id === 'gp')).toEqual([]);
  });
  it('ambiguous aliases link only with health context', () => {
    expect(linked('It was a day for NICE and Monitor.')).toEqual([]);
    expect(linked('NICE approved the drug for patients; Monitor watched hospitals.')).toEqual(['NICE', 'Monitor']);
    expect(linked('The GP said so.')).toEqual([]);
    expect(linked('The GP said so to NHS England and the CQC.')).toEqual(['GP', 'NHS England', 'CQC']);
  });
  it('unambiguous names link on any page', () => {
    expect(linked('The CQC said so.')).toEqual(['CQC']);
  });
});

describe('4. apposition', () => {
  it('a role phrase resolves to the person named beside it, whatever the date says', () => {
    expect(roleOf('Former health secretary Sajid Javid said so.', 'former health secretary')).toBe('sajid-javid');
    expect(roleOf('Simon Stevens, chief executive of NHS England, said so.', 'chief executive', '2025-06-12')).toBe('simon-stevens');
    expect(roleOf('The health secretary, Matt Hancock, said so.', 'health secretary', '2025-06-12')).toBe('matt-hancock');
    expect(roleOf('Sajid Javid, the former health secretary, said so.', 'former health secretary')).toBe('sajid-javid');
  });
  it('not across a clause', () => {
    expect(roleOf('Speaking after Matt Hancock left, the health secretary said so.', 'health secretary')).toBe('wes-streeting');
  });
  it('a body inside a role phrase is the body; the rest is the role', () => {
    expect(links('NHS England chief executive Simon Stevens said so.', '2017-01-01').slice(0, 2)).toEqual([
      ['NHS England', 'nhs-england'],
      ['chief executive', 'simon-stevens'],
    ]);
    expect(links('The chief executive of NHS England said so.', '2017-01-01')).toEqual([
      ['chief executive', 'simon-stevens'],
      ['NHS England', 'nhs-england'],
    ]);
  });
});

describe('5. learned long forms', () => {
  it('never span a block break and are trimmed', () => {
    const text = 'Intro\u2029\u00a0Local Health and Care Record Exemplar (LHCRE) and the Borsetshire Care Widget (BCW) then the BCW.';
    for (const d of findAcronymDefinitions(text)) {
      expect(d.long).not.toMatch(/^\s|\s$|\u2029/);
      expect(text.slice(d.longStart, d.longEnd)).toBe(d.long);
    }
    const learned = run(text).find((m) => m.learned);
    expect(learned?.name).toBe('Borsetshire Care Widget');
  });
  it('a definition after a block break starts after it', () => {
    const text = 'Heading\u2029Widget Count Unit (WCU) figures rose; the WCU said so.';
    expect(findAcronymDefinitions(text)[0]?.long).toBe('Widget Count Unit');
    expect(findAcronymDefinitions('Made\u2029Up (MU)')).toEqual([]);
  });
});

describe('class cards', () => {
  it('show the name as written, the class label and the class’s explanation, history and sources', () => {
    const { bundle } = realKb().result;
    const lookup: KbLookup = {
      article: (id) => bundle.articles.find((a) => a.id === id),
      entityName: (id) => bundle.entities.find((e) => e.id === id)?.name,
      pledge: (id) => bundle.pledges.find((p) => p.id === id),
    };
    const ft = bundle.entities.find((e) => e.id === 'foundation-trust')!;
    const card = buildClassCard(
      ft,
      'Borsetshire Hospitals NHS Foundation Trust',
      'an NHS foundation trust',
      '2025-06-12',
      lookup,
      '2026-11-30',
    );
    expect(card).toMatchObject({ kind: 'class', name: 'Borsetshire Hospitals NHS Foundation Trust', description: ft.description });
    expect(card.classOf).toEqual({ id: 'foundation-trust', name: ft.name, label: 'an NHS foundation trust' });
    expect(card.lines.length).toBeGreaterThan(0);
    expect(card.sources.length).toBeGreaterThan(0);
    expect(card.quotes).toEqual([]);
    expect(NOT_INDIVIDUALLY).toMatch(/not in the knowledge base individually/);
  });
  it('every class in the dictionary has a label and a KB entity', () => {
    const d = realKb().result.bundle.dictionary;
    const ids = d.classes!.map((c) => d.entities[c.entity]!.id).sort();
    expect(ids).toEqual(
      [
        'act-of-parliament',
        'ccg',
        'foundation-trust',
        'gp-practice',
        'hospital',
        'integrated-care-board',
        'lmc',
        'nhs-trust',
        'public-inquiry',
        'royal-college',
        'select-committee',
      ].sort(),
    );
  });
});

describe('6. the trap corpus: whole articles of our own', () => {
  const DIR = path.join(ROOT, 'tests/fixtures/precision');
  const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');
  it.each(['sport-motor-racing.txt', 'foreign-politics.txt', 'technology.txt'])('%s: no ambiguous mark, no UK role', (f) => {
    const matches = run(read(f));
    expect(matches.map((m) => m.text)).toEqual([]);
  });
  it('a 2025 health article links its names, classes and roles', () => {
    const got = links(read('health-2025.txt'));
    expect(got).toEqual(
      expect.arrayContaining([
        ['Borsetshire Hospitals NHS Foundation Trust', 'class:foundation-trust'],
        ['Fictional and Made-up ICB', 'class:integrated-care-board'],
        ['Kent and Medway ICB', 'icb-kent-and-medway'],
        ['Ambridge Medical Centre', 'class:gp-practice'],
        ['Royal College of Podiatry', 'class:royal-college'],
        ['Royal College of Nursing', 'rcn'],
        ['Borsetshire Maternity Inquiry', 'class:public-inquiry'],
        ['health secretary', 'wes-streeting'],
        ['health secretary', 'victoria-atkins'],
        ['health secretary', 'neil-gray'],
        ['chief executive', 'james-mackey'],
        ['GPs', 'gp'],
      ]),
    );
    expect(got.filter(([t]) => t === 'GP')).toEqual([]); // "the GP contract"
    expect(got.filter(([, id]) => id === 'nhs')).toEqual([]);
  });
  it('through npm run annotate: classes print as kind "class", and the HTML’s lang is read', () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    // The knowledge base built once for the five runs (each would otherwise build it again).
    const kbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-precision-')), 'kb.json');
    fs.writeFileSync(kbFile, JSON.stringify(realKb().result.bundle));
    const cli = (...args: string[]) => spawnSync(tsx, ['src/cli/annotate.ts', '--kb', kbFile, ...args], { cwd: ROOT, encoding: 'utf8' });
    const health = JSON.parse(cli('--format', 'json', '--date', '2025-06-12', path.join(DIR, 'health-2025.txt')).stdout) as FileResult;
    expect(health.matches.find((m) => m.text === 'Borsetshire Hospitals NHS Foundation Trust')).toMatchObject({
      kind: 'class',
      class: 'foundation-trust',
      label: 'an NHS foundation trust',
    });
    for (const f of ['sport-motor-racing.txt', 'foreign-politics.txt', 'technology.txt'])
      expect((JSON.parse(cli('--format', 'json', '--date', '2025-06-12', path.join(DIR, f)).stdout) as FileResult).matches).toEqual([]);
    const html = path.join(DIR, 'australia.html');
    const au = JSON.parse(cli('--format', 'json', '--date', '2025-06-12', html).stdout) as FileResult;
    expect(au.lang).toBe('en-AU');
    expect(au.matches.filter((m) => m.kind === 'role')).toEqual([]);
  });
});
