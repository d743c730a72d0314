// The kinds of knowledge-base entry that are marked. The bare list lives here because the
// engine may import nothing outside src/engine; labels, schemas and highlight names are
// derived from it in src/shared/mark-kinds.ts.

export const ENTITY_KINDS = ['person', 'body', 'term'] as const;

/** A kind of entry in the knowledge base (a role phrase is marked as a person). */
export type KbEntityKind = (typeof ENTITY_KINDS)[number];
