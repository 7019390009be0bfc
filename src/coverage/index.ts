/** Public surface of the coverage capability (what dialogs, HTTP routes and the CLI import). */
export { createCoverageEngine, decideCoverage, buildCoverageDeps, parseCoverageInput, type CoverageDeps } from './createCoverageEngine.js';
export { formatAssessment } from './formatAssessment.js';
export { todayIso } from './isoDate.js';
export {
  coverageInputSchema,
  coverageDecisionSchema,
  type CoverageAssessment,
  type CoverageDecision,
  type CoverageEngine,
  type CoverageFacts,
  type CoverageInput,
  type FactExtraction,
  type MissingFact,
} from './types.js';
