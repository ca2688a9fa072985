/** What one timed run of a workload did. */
export interface RunResult {
  /** Operations completed (calls answered, records acknowledged). */
  ops: number;
  /**
   * Seconds the operations took, when the workload measures itself (a Java tool reports its own
   * rate, so JVM start-up is not counted); otherwise the harness times the call.
   */
  seconds?: number;
  /** Per-operation latencies (ms) when the workload records them. */
  latenciesMs?: number[];
}

/** One side of a comparison: runs `ops` operations and reports what it did. */
export type Workload = (ops: number) => Promise<RunResult>;

export interface PreparedScenario {
  baseline: Workload;
  candidate: Workload;
  /** Stops servers, clients and connections the scenario started. */
  close(): Promise<void>;
}

export interface ScenarioEnvironment {
  /** Kafka bootstrap servers (host:port, comma-separated). */
  kafkaBrokers: string;
  /** A PostgreSQL server URL; scenarios create (and drop) databases of their own on it. */
  postgresUrl: string;
}

export interface Scenario {
  name: string;
  /** What is compared, in one line. */
  description: string;
  baselineLabel: string;
  candidateLabel: string;
  /** Operations per round (full run); --quick divides it. */
  opsPerRound: number;
  /**
   * candidate throughput / baseline throughput must stay at or above this; `why` says where the
   * number comes from (a measured ratio with headroom, see docs/benchmarks.md).
   */
  target: { minRatio: number; why: string };
  prepare(environment: ScenarioEnvironment): Promise<PreparedScenario>;
}
