// src/engine/class-names.ts and src/engine/longer-names.ts alone: classes by a name's ending
// or start, and what a hit inside a run of capitalised words is part of.
import { describe, expect, it } from 'vitest';
import { classNames } from '../../src/engine/class-names';
import { readLongerName, type LongerNameInput } from '../../src/engine/longer-names';

const TRUST = 7;
const COLLEGE = 8;
const ICB = 9;
const classes = classNames([
  { entity: TRUST, label: 'an NHS foundation trust', endings: ['NHS Foundation Trust', 'Foundation Trust'], starts: [] },
  { entity: COLLEGE, label: 'a royal college', endings: [], starts: ['Royal College of'] },
  { entity: ICB, label: 'an integrated care board', endings: ['ICB', 'Integrated Care Board'], starts: [] },
]);

describe('classNames', () => {
  it('finds a name’s class by its longest ending, or its start, a year aside', () => {
    expect(classes.classOf('Borsetshire Hospitals NHS Foundation Trust')).toBe(TRUST);
    expect(classes.classOf('Royal College of Nursing')).toBe(COLLEGE);
    expect(classes.classOf('Kent and Medway ICB 2022')).toBe(ICB);
  });
  it('finds no class for the ending alone, a partial word, or other names', () => {
    expect(classes.classOf('Foundation Trust')).toBeUndefined();
    expect(classes.classOf('Borsetshire XICB')).toBeUndefined();
    expect(classes.classOf('Borsetshire Hospitals')).toBeUndefined();
  });
  it('tells a class’s exact ending, class words anywhere, and a text position right after an ending', () => {
    expect(classes.isEnding('ICB')).toBe(true);
    expect(classes.isEnding('Kent ICB')).toBe(false);
    expect(classes.hasClassWords('Hospitals NHS Foundation Trust Rated Inadequate')).toBe(true);
    expect(classes.hasClassWords('Streeting Tells NHS England')).toBe(false);
    const text = 'the Kent ICB and';
    expect(classes.endsClass(text, text.indexOf(' and'))).toBe(true);
    expect(classes.endsClass('the KentICB and', 11)).toBe(false);
  });
});

function read(text: string, hit: string, over: Partial<LongerNameInput> = {}) {
  const start = text.indexOf(hit);
  return readLongerName({
    text,
    start,
    end: start + hit.length,
    floor: 0,
    names: true,
    isBody: true,
    personStarts: new Set(),
    nameStarts: new Set([start]),
    classes,
    ...over,
  });
}

describe('readLongerName', () => {
  it('leaves a hit alone when no capitalised word joins it', () => {
    expect(read('funding for the NHS was cut', 'NHS')).toEqual({ is: 'alone' });
  });
  it('reads a longer name of a known class as the class, as written', () => {
    const text = 'at Borsetshire Hospitals NHS Foundation Trust today';
    expect(read(text, 'NHS')).toEqual({ is: 'class', start: 3, end: text.indexOf(' today'), cls: TRUST });
  });
  it('reads a known body named with its class’s ending as the body', () => {
    const text = 'said Kent and Medway ICB today';
    expect(read(text, 'Kent and Medway')).toEqual({ is: 'body', start: 5, end: text.indexOf(' today') });
    // Not when the hit names no body: then it is a member of the class.
    expect(read(text, 'Kent and Medway', { isBody: false }).is).toBe('class');
    expect(read(text, 'Kent and Medway', { names: false }).is).toBe('class');
  });
  it('swallows a hit inside a longer name the KB does not know', () => {
    const text = 'the NHS Improvement Fund paid';
    expect(read(text, 'NHS Improvement')).toEqual({ is: 'unknown', end: text.indexOf(' paid') });
  });
  it('never runs into another KB name or a person’s name', () => {
    const text = 'the NHS ALBs met';
    expect(read(text, 'NHS', { nameStarts: new Set([4, 8]) })).toEqual({ is: 'alone' });
    const person = 'the NHS Wes Streeting said';
    expect(read(person, 'NHS', { personStarts: new Set([person.indexOf('Wes')]) })).toEqual({ is: 'alone' });
    expect(read(person, 'NHS')).toEqual({ is: 'unknown', end: person.indexOf(' said') });
  });
  it('in a title-case headline, capitals name nothing unless a class’s words are in the run', () => {
    expect(read('Streeting Tells NHS England to Halve Corporate Costs', 'NHS England')).toEqual({ is: 'alone' });
    // The run holds a class's words: the hit is part of a longer name, not the NHS.
    const headline = 'Borsetshire Hospitals NHS Foundation Trust Rated Inadequate By Inspectors';
    expect(read(headline, 'NHS')).toEqual({ is: 'unknown', end: headline.length });
  });
  it('never reaches back before the last mark (`floor`)', () => {
    const text = 'Borsetshire Hospitals NHS Foundation Trust';
    expect(read(text, 'NHS', { floor: text.indexOf('NHS'), isBody: false })).toMatchObject({ is: 'class', start: text.indexOf('NHS') });
    expect(read(text, 'NHS', { isBody: false })).toMatchObject({ is: 'class', start: 0 });
  });
});
