// The welcome page, opened once on first install and reachable from the popup and options.
import { render } from 'preact';
import { adoptStyles } from '../src/ui/adopt-styles';
import { Welcome } from '../src/ui/welcome/welcome';
import pageCss from '../src/ui/page.css?inline';
import themeCss from '../src/ui/theme.css?inline';
import welcomeCss from '../src/ui/welcome/welcome.css?inline';

adoptStyles(themeCss, pageCss, welcomeCss);
render(<Welcome />, document.getElementById('app')!);
