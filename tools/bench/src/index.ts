export { measureScenario, type MeasureOptions, type ScenarioResult, type SideResult } from './measure.js';
export { formatReport } from './report.js';
export type { PreparedScenario, RunResult, Scenario, ScenarioEnvironment, Workload } from './scenario.js';
export { scenarios } from './scenarios/index.js';
export { percentile, median } from './statistics.js';
