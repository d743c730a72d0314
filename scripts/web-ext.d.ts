// web-ext ships no type declarations; scripts/lint-firefox.ts types the part it uses.
declare module 'web-ext' {
  const webExt: unknown;
  export default webExt;
}
