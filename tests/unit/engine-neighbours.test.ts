// src/engine/neighbours.ts alone: the words right next to a hit.
import { describe, expect, it } from 'vitest';
import {
  followedByOneOf,
  isApposition,
  nextWord,
  precededByOneOf,
  previousWord,
  startsCompound,
  surnameOfAnotherName,
} from '../../src/engine/neighbours';

const startOf = (text: string, word: string) => text.lastIndexOf(word);
const endOf = (text: string, word: string) => text.indexOf(word) + word.length;

describe('previousWord and nextWord', () => {
  it('read the word before, a final dot dropped, and whether only spaces separate it', () => {
    expect(previousWord('Dr. Hunt', 4)).toEqual({ word: 'Dr', gapIsSpace: false });
    expect(previousWord('Tristram Hunt', 9)).toEqual({ word: 'Tristram', gapIsSpace: true });
    expect(previousWord('Hunt', 0)).toEqual({ word: '', gapIsSpace: false });
  });
  it('read the word after, in the same line only', () => {
    expect(nextWord('GP contract', 2)).toBe('contract');
    expect(nextWord('GP, contract', 2)).toBe('contract');
    expect(nextWord('GP\ncontract', 2)).toBe('');
    expect(nextWord('GP', 2)).toBe('');
  });
});

describe('followedByOneOf / precededByOneOf (an alias’s notFollowedBy / notPrecededBy)', () => {
  const fund = new Set(['fund', 'Fund']);
  it('fire when the listed word is next to the hit', () => {
    expect(followedByOneOf('the NHS Improvement fund', endOf('the NHS Improvement fund', 'Improvement'), fund)).toBe(true);
    expect(precededByOneOf('The Commonwealth Fund', startOf('The Commonwealth Fund', 'Fund'), new Set(['Commonwealth']))).toBe(true);
  });
  it('do not fire for another word, or for the word in another case', () => {
    expect(followedByOneOf('NHS Improvement said', endOf('NHS Improvement said', 'Improvement'), fund)).toBe(false);
    expect(followedByOneOf('NHS Improvement FUND', endOf('NHS Improvement FUND', 'Improvement'), fund)).toBe(false);
    expect(precededByOneOf("The King's Fund", startOf("The King's Fund", 'Fund'), new Set(['Commonwealth']))).toBe(false);
  });
});

describe('surnameOfAnotherName', () => {
  it('fires after another capitalised name word', () => {
    expect(surnameOfAnotherName('Tristram Hunt spoke', 9)).toBe(true);
    expect(surnameOfAnotherName('then Tristram\u00a0Hunt', startOf('then Tristram\u00a0Hunt', 'Hunt'))).toBe(true);
  });
  it('does not fire after a title, a sentence word, a lower-case word or punctuation', () => {
    expect(surnameOfAnotherName('Mr Hunt', 3)).toBe(false);
    expect(surnameOfAnotherName('Dr. Hunt', 4)).toBe(false);
    expect(surnameOfAnotherName('Yesterday Hunt said', 10)).toBe(false);
    expect(surnameOfAnotherName('said Hunt', 5)).toBe(false);
    expect(surnameOfAnotherName('Labour, Hunt said', 8)).toBe(false);
    expect(surnameOfAnotherName('Hunt said', 0)).toBe(false);
  });
});

describe('startsCompound', () => {
  it('fires before a compound’s head word, any case', () => {
    expect(startsCompound('the GP contract', endOf('the GP contract', 'GP'))).toBe(true);
    expect(startsCompound('the GP Committees', endOf('the GP Committees', 'GP'))).toBe(true);
  });
  it('does not fire before another word, or across a line break', () => {
    expect(startsCompound('the GP said', endOf('the GP said', 'GP'))).toBe(false);
    expect(startsCompound('the GP\ncontract', endOf('the GP\ncontract', 'GP'))).toBe(false);
  });
});

describe('isApposition', () => {
  it('accepts a comma, "the" and modifiers between a name and a role phrase', () => {
    expect(isApposition(', ')).toBe(true);
    expect(isApposition(', the former ')).toBe(true);
    expect(isApposition(', the then Conservative ')).toBe(true);
  });
  it('rejects a clause or no comma', () => {
    expect(isApposition(' ')).toBe(false);
    expect(isApposition(', who met the ')).toBe(false);
    expect(isApposition(' and the ')).toBe(false);
  });
});
