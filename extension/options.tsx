// The options page: sites, marks, settings export and import.
import { render } from 'preact';
import { adoptStyles } from '../src/ui/adopt-styles';
import { Options } from '../src/ui/options/options';
import optionsCss from '../src/ui/options/options.css?inline';
import pageCss from '../src/ui/page.css?inline';
import themeCss from '../src/ui/theme.css?inline';

adoptStyles(themeCss, pageCss, optionsCss);
render(<Options />, document.getElementById('app')!);
