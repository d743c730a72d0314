import { launchFirefox } from './browsers';
import { hostileSuite } from './hostile.suite';

hostileSuite('Firefox', () => launchFirefox());
