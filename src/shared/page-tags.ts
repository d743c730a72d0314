// Which elements hold no article text and which start a block, for both readers of a
// page's text: the extension's (src/annotator/text-reader.ts) and the CLI's (src/cli/html-text.ts).
// Lower case, as HTML writes them.

/** Elements whose text is never read: code, form fields, embedded media, the head, site navigation, dialogs. */
export const SKIPPED_TAGS: readonly string[] =
  'script style noscript template textarea input select option button svg math iframe object canvas video audio head title nav dialog'.split(
    ' ',
  );

/** Elements that start and end a block: a name never runs across their edges. */
export const BLOCK_TAGS: readonly string[] =
  'address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul body'.split(
    ' ',
  );
