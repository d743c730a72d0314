// Content script entry: a classic script (built as an IIFE, no runtime import).
import { Annotator } from '../src/annotator/annotator';

const FLAG = '__healthPolicyAnnotator';
const scope = globalThis as unknown as Record<string, unknown>;
// The script may be injected twice (a site switched on while its tab is open).
if (!scope[FLAG]) {
  scope[FLAG] = true;
  new Annotator(document).start().catch((e) => console.warn('health-policy-annotator:', e));
}
