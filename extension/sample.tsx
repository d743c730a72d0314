// The welcome page's "try it here" article: a seed article rendered as a news page inside the
// extension and annotated by the same annotator as a web page, so a reader can hover before
// finding a news site. Runs in a frame of the welcome page.
import { Annotator } from '../src/annotator/annotator';
import { createCardHost } from '../src/annotator/card-host';
import { ask } from '../src/shared/ask';
import { adoptStyles } from '../src/ui/adopt-styles';
import { renderSample } from '../src/ui/welcome/sample';
import { LOG_PREFIX } from '../src/shared/product';
import themeCss from '../src/ui/theme.css?inline';
import sampleCss from '../src/ui/welcome/sample.css?inline';
import markCss from './content.css?inline';

adoptStyles(themeCss, sampleCss, markCss);
renderSample(document);
void ask({ type: 'sample:setup' })
  // An extension page has the card's UI in its own bundle: no script is put into it.
  .then((setup) => new Annotator(document, { tabMessages: false, cardUi: () => Promise.resolve(createCardHost) }).startWith(setup))
  .catch((e) => console.warn(LOG_PREFIX, 'the sample article could not be annotated', e));
