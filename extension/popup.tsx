// The toolbar popup (and, as popup.html?view=pledges#<id>, the pledge history in a tab).
import { render } from 'preact';
import { adoptStyles } from '../src/ui/adopt-styles';
import { Popup } from '../src/ui/popup/popup';
import themeCss from '../src/ui/theme.css?inline';
import pageCss from '../src/ui/page.css?inline';
import popupCss from '../src/ui/popup/popup.css?inline';

adoptStyles(themeCss, pageCss, popupCss);
render(<Popup />, document.getElementById('app')!);
