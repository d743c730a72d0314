import { launchChromium } from './browsers';
import { hostileSuite } from './hostile.suite';

hostileSuite('Chromium', () => launchChromium());
