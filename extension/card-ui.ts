// The card's UI, put into a frame by the background when the annotator first needs a card
// (src/annotator/card-ui.ts). Runs in the same isolated world as the annotator.
import { createCardHost } from '../src/annotator/card-host';
import { registerCardUi } from '../src/annotator/card-ui';

registerCardUi(createCardHost);
