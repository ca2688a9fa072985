/** What one request did, as the load generator saw it. */
export interface RequestOutcome {
  /** Method and route template, e.g. "GET /api/products/:id". */
  route: string;
  /** HTTP status, or 0 when no answer came (connection refused, timeout). */
  status: number;
  ms: number;
}

export interface RouteSummary {
  route: string;
  requests: number;
  /** Answers by status class: "2xx", "4xx", "429", "5xx", "none". */
  byClass: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface SagaSummary {
  /** End state → count (SHIPPED, CANCELLED, or UNSETTLED when it did not end in time). */
  ended: Record<string, number>;
  /** Checkout accepted → end state, over the orders that ended. */
  p50Ms: number;
  p95Ms: number;
}

const classOf = (status: number) => (status === 0 ? 'none' : status === 429 ? '429' : `${Math.floor(status / 100)}xx`);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] as number;
}

/** Counts and latencies per route, and how each followed checkout ended. */
export class LoadStats {
  private readonly outcomes: RequestOutcome[] = [];
  private readonly sagas: { endState: string; ms?: number }[] = [];

  record(outcome: RequestOutcome): void {
    this.outcomes.push(outcome);
  }

  recordSaga(endState: string, ms?: number): void {
    this.sagas.push({ endState, ...(ms === undefined ? {} : { ms }) });
  }

  /** Requests since `fromIndex` (for periodic progress), or all. */
  routes(fromIndex = 0): RouteSummary[] {
    const byRoute = new Map<string, RequestOutcome[]>();
    for (const outcome of this.outcomes.slice(fromIndex)) byRoute.set(outcome.route, [...(byRoute.get(outcome.route) ?? []), outcome]);
    return [...byRoute]
      .map(([route, outcomes]) => {
        const sorted = outcomes.map((o) => o.ms).sort((a, b) => a - b);
        const byClass: Record<string, number> = {};
        for (const o of outcomes) byClass[classOf(o.status)] = (byClass[classOf(o.status)] ?? 0) + 1;
        return { route, requests: outcomes.length, byClass, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99) };
      })
      .sort((a, b) => a.route.localeCompare(b.route));
  }

  get requestCount(): number {
    return this.outcomes.length;
  }

  saga(): SagaSummary {
    const ended: Record<string, number> = {};
    for (const s of this.sagas) ended[s.endState] = (ended[s.endState] ?? 0) + 1;
    const sorted = this.sagas.flatMap((s) => (s.ms === undefined ? [] : [s.ms])).sort((a, b) => a - b);
    return { ended, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
  }

  /** Answers that mean the system failed (5xx, no answer); 4xx and 429 are the client's or by design. */
  failures(): number {
    return this.outcomes.filter((o) => o.status === 0 || o.status >= 500).length;
  }
}
