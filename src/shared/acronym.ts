// What counts as an acronym in the KB build, its coverage check and the CLI's proposals.
// (The engine applies the same rule to acronyms a page defines, in src/engine/acronyms.ts.)

/** The word without a plural "s" after a capital: "CCGs" → "CCG". */
export function singularAcronym(word: string): string {
  return /[A-Z]s$/.test(word) ? word.slice(0, -1) : word;
}

/** Capitals, digits and "&" only, with at least two capitals: NHS, A&E, NHS111; not "A" or "111". */
export function isAcronym(text: string): boolean {
  return /^[A-Z0-9&]+$/.test(text) && (text.match(/[A-Z]/g) ?? []).length >= 2;
}

/** An acronym, perhaps in the plural ("CCGs"). */
export function isAcronymToken(word: string): boolean {
  return isAcronym(singularAcronym(word));
}
