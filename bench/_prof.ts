import { runDirectLineBench, formatDirectLineBench } from './directline.js';
const r = await runDirectLineBench({ conversations: 200, turnsPerConversation: 5, timeLimitMs: 60_000 });
console.log(formatDirectLineBench(r));
process.exit(0);
