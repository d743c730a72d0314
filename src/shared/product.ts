// The product's name, as the reader sees it (manifest.json "name", page titles, headings),
// and the prefix of every line the extension writes to the console. The e2e tests find the
// extension's console lines by this prefix (tests/e2e/browsers.ts).
//
// Not the product name, and kept as they are on purpose: the IndexedDB database name
// (src/background/store.ts DB_NAME) and the settings file's format tag
// ('health-policy-annotator-settings', src/shared/messages.ts): both are stored data.

export const PRODUCT_NAME = 'Health Policy Reader';

/** console.warn(LOG_PREFIX, …) */
export const LOG_PREFIX = `${PRODUCT_NAME}:`;
