import { launchFirefox } from './browsers';
import { extensionSuite } from './extension.suite';

extensionSuite('Firefox', () => launchFirefox(), { serviceWorker: false, launchTouch: () => launchFirefox(undefined, { touch: true }) });
