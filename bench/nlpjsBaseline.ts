import { containerBootstrap, Nlp } from '@nlpjs/basic';
import { LangZh } from '@nlpjs/lang-zh';
import { intentSchema, type Intent } from '../src/nlu/types.js';

/** nlp.js (the most used Node NLU) trained on the same utterances, as the baseline to beat. */
export interface BaselineClassifier {
  classify(text: string): Promise<Intent>;
}

/** Trains nlp.js (@nlpjs/basic + @nlpjs/lang-zh) without touching the disk. */
export async function trainNlpjs(utterances: Array<{ text: string; intent: Intent }>): Promise<BaselineClassifier> {
  const container = await containerBootstrap();
  container.use(LangZh);
  // autoSave off: nlp.js would otherwise write model.nlp into the working directory.
  const nlp = new Nlp({ container, languages: ['zh'], autoSave: false, autoLoad: false, nlu: { log: false } });
  for (const u of utterances) nlp.addDocument('zh', u.text, u.intent);
  await nlp.train();
  return {
    async classify(text) {
      const result = await nlp.process('zh', text);
      // Below its threshold nlp.js answers "None": its own way of saying out of scope.
      const intent = intentSchema.safeParse(result.intent);
      return intent.success ? intent.data : 'out_of_scope';
    },
  };
}
