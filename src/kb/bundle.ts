// The shape of kb.json lives in src/shared/kb-bundle.ts, where the extension's runtime code
// can import it; the KB build, the CLI and the tests keep importing it from here.

export * from '../shared/kb-bundle';
