import { launchChromium } from './browsers';
import { extensionSuite } from './extension.suite';

extensionSuite('Chromium', () => launchChromium(), { serviceWorker: true, launchTouch: () => launchChromium(undefined, { touch: true }) });
