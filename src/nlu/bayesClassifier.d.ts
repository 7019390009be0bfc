/**
 * natural's Bayes classifier module on its own. natural's index (and its classifiers index)
 * also load storage back-ends, dotenv and the Brill POS tagger's 4 MB lexicons; this file
 * loads only the classifier. Its types are the ones natural publishes for the classifiers.
 */
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  import { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
  export = BayesClassifier;
}
