// A Vite plugin for the extension build: takes out of two dependencies the only code that
// addons.mozilla.org's linter (web-ext lint) warns about, and that this extension never
// runs. Each edit must match exactly once, or the build stops: after an upgrade of either
// package, look again at what the linter says (npm test runs it on the Firefox build).
//
// - Preact assigns `innerHTML` only for `dangerouslySetInnerHTML`, which nothing here uses
//   (ESLint forbids it in src/ and extension/). That assignment now throws instead, so the
//   extension cannot render raw HTML even by mistake.
// - zod probes whether `new Function("")` is allowed (to compile faster validators). An
//   extension page's content security policy always forbids it, so the probe always
//   answers false there; it now answers false without trying (and without the browser
//   reporting a policy violation).

import type { Plugin } from 'vite';
import { PRODUCT_NAME } from '../src/shared/product';

interface Edit {
  module: RegExp;
  find: RegExp;
  replace: string;
  why: string;
}

const EDITS: Edit[] = [
  {
    module: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/,
    find: /\b[\w$]+\.innerHTML=[\w$]+\.__html\b/g,
    replace: `(()=>{throw new Error("${PRODUCT_NAME} renders text, never HTML (dangerouslySetInnerHTML)")})()`,
    why: 'Preact’s dangerouslySetInnerHTML assignment',
  },
  {
    module: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    find: /const F = Function;\s*new F\(""\);\s*return true;/g,
    replace: 'return false; // an extension page’s CSP forbids eval',
    why: 'zod’s `new Function` probe',
  },
];

export function storeClean(): Plugin {
  return {
    name: 'hpa-store-clean',
    enforce: 'pre',
    transform(code, id) {
      const edit = EDITS.find((e) => e.module.test(id.split('?')[0]!));
      if (!edit) return null;
      const found = code.match(edit.find)?.length ?? 0;
      if (found !== 1) this.error(`store-clean: expected ${edit.why} once in ${id}, found it ${found} times; see scripts/store-clean.ts`);
      return { code: code.replace(edit.find, edit.replace), map: null };
    },
  };
}
