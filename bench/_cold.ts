import { formatColdStart, measureColdStart } from './coldStart.js';
console.log(formatColdStart(await measureColdStart({ runs: 3, idleMs: 5000 })));
process.exit(0);
