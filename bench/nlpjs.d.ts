// Minimal typings for the parts of nlp.js the benchmark uses (the packages ship none).
declare module '@nlpjs/basic' {
  export interface NlpContainer {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<NlpContainer>;
  export interface NlpResult {
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings: Record<string, unknown>);
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}

declare module '@nlpjs/lang-zh' {
  export const LangZh: unknown;
}
