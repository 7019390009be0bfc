import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildRuntime, classifyMessage } from '../src/cli/runtime.js';
import { loadNluData } from '../src/nlu/loadNluData.js';
import { intentSchema } from '../src/nlu/types.js';
import { formatColdStart, measureColdStart } from './coldStart.js';
import { FULL_DIRECTLINE, QUICK_DIRECTLINE } from './directline.js';

/**
 * `npm run bench [-- --quick] [--dev <file.jsonl>] [--rounds N] [--knowledge dir] [--no-directline] [--no-nlpjs]`:
 * the domain's speed, memory and accuracy beside nlp.js; the built server's cold start, idle
 * memory and shutdown; Direct Line under load as ratios to a bare express echo measured in the
 * same run. --quick is the short variant CI runs (well under a minute): fewer rounds, one
 * cold start, 20 conversations, no nlp.js. Any phase that breaks fails the run (exit 1).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    dev: { type: 'string', default: '../shared/eval/dev.jsonl' },
    /** Phrasings written apart from the training data, for a second accuracy figure. */
    fresh: { type: 'string', default: 'test/nlu/fixtures/heldout.jsonl' },
    rounds: { type: 'string' },
    knowledge: { type: 'string', default: 'knowledge' },
    'no-directline': { type: 'boolean', default: false },
    'no-upload': { type: 'boolean', default: false },
    'no-nlpjs': { type: 'boolean', default: false },
    'no-cold-start': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const rounds = z.coerce
  .number()
  .int()
  .positive()
  .parse(values.rounds ?? (quick ? '3' : '20'));

const labelledSchema = z.object({
  text: z.string(),
  intent: z.union([intentSchema.transform((i) => [i]), z.array(intentSchema).min(1)]),
});
type Labelled = z.infer<typeof labelledSchema>;
const readLabelled = (file: string): Labelled[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => labelledSchema.parse(JSON.parse(l)));
const dev = readLabelled(values.dev);
const fresh = readLabelled(values.fresh);

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (x: number): string => `${x.toFixed(2)} ms`;
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const print = (text: string) => process.stdout.write(`${text}\n`);

// 1. The domain in this process: build, latency and throughput of intent + cited answer.
const rssBefore = process.memoryUsage().rss;
const buildStart = performance.now();
const runtime = buildRuntime(values.knowledge);
const buildMs = performance.now() - buildStart;
const rssAfterBuild = process.memoryUsage().rss;

// Warm-up pass (JIT, jieba caches), then timed rounds over the dev questions: intent plus KB answer.
for (const item of dev) classifyMessage(runtime, item.text);
const latencies: number[] = [];
const loopStart = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const item of dev) {
    const t = performance.now();
    classifyMessage(runtime, item.text);
    latencies.push(performance.now() - t);
  }
}
const loopMs = performance.now() - loopStart;
latencies.sort((a, b) => a - b);
const rssAfterRun = process.memoryUsage().rss;

const ours = (set: Labelled[]): number =>
  set.filter((item) => item.intent.includes(runtime.matcher.match(item.text).intent)).length;
const acc = (n: number, set: Labelled[]): string => `${n}/${set.length} = ${(n / set.length).toFixed(3)}`;
const data = loadNluData(values.knowledge);
print(
  [
    `bench${quick ? ' --quick' : ''}: ${dev.length} questions from ${values.dev}, ${rounds} rounds, ${data.utterances.length} training utterances`,
    '',
    `index build (segmenter + KB + intent matcher + coverage engine): ${ms(buildMs)}`,
    `RSS: ${mb(rssBefore)} before build, ${mb(rssAfterBuild)} after build, ${mb(rssAfterRun)} after run`,
    `latency per question (intent + cited answer): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`,
    `throughput: ${((latencies.length / loopMs) * 1000).toFixed(0)} questions/s (single thread)`,
    '',
    `intent accuracy                      dev set          fresh phrasings (${values.fresh})`,
    `  ours (natural NB + fuse.js rules): ${acc(ours(dev), dev).padEnd(16)} ${acc(ours(fresh), fresh)}`,
  ].join('\n'),
);

if (!quick && !values['no-nlpjs']) {
  // Loaded only now so its modules do not count in our RSS figures.
  const { trainNlpjs } = await import('./nlpjsBaseline.js');
  const nlpjsStart = performance.now();
  const nlpjs = await trainNlpjs(data.utterances);
  const nlpjsTrainMs = performance.now() - nlpjsStart;
  const nlpjsLatencies: number[] = [];
  const theirs = async (set: Labelled[]): Promise<number> => {
    let correct = 0;
    for (const item of set) {
      const t = performance.now();
      const intent = await nlpjs.classify(item.text);
      nlpjsLatencies.push(performance.now() - t);
      if (item.intent.includes(intent)) correct++;
    }
    return correct;
  };
  const nlpjsDev = await theirs(dev);
  const nlpjsFresh = await theirs(fresh);
  nlpjsLatencies.sort((a, b) => a - b);
  print(`  nlp.js (@nlpjs/basic + lang-zh):  ${acc(nlpjsDev, dev).padEnd(16)} ${acc(nlpjsFresh, fresh)}`);
  print(`  nlp.js train ${ms(nlpjsTrainMs)}, latency p50 ${ms(percentile(nlpjsLatencies, 50))}`);
}

// 2. The built server as npm start runs it: cold start, idle memory, graceful shutdown.
if (!values['no-cold-start']) {
  print(`\n${formatColdStart(await measureColdStart({ runs: quick ? 1 : 3, idleMs: quick ? 2000 : 5000 }))}`);
}

// 3. Direct Line under load beside a bare express echo (the ceiling), as ratios to it.
if (!values['no-directline']) {
  const { runDirectLineBench, formatDirectLineBench } = await import('./directline.js');
  print(`\n${formatDirectLineBench(await runDirectLineBench(quick ? QUICK_DIRECTLINE : FULL_DIRECTLINE))}`);
}

// 4. Memory while a 10 MB file uploads (streamed, not buffered). Skipped with --no-upload and in --quick.
if (!quick && !values['no-upload']) {
  const { runUploadMemoryBench, formatUploadMemoryBench } = await import('./uploadMemory.js');
  print(`\n${formatUploadMemoryBench(await runUploadMemoryBench())}`);
}
// Sockets and timers of the phases above must not keep the bench alive.
process.exit(0);
