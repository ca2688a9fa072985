import { describe, expect, it } from '@jest/globals';
import { formatSummary } from './report.js';
import { LoadStats } from './stats.js';

describe('LoadStats', () => {
  it('summarizes per route: answers by status class and nearest-rank latency percentiles', () => {
    const stats = new LoadStats();
    for (let ms = 1; ms <= 100; ms++) stats.record({ route: 'GET /api/products', status: 200, ms });
    stats.record({ route: 'POST /api/checkout', status: 202, ms: 40 });
    stats.record({ route: 'POST /api/checkout', status: 429, ms: 1 });
    stats.record({ route: 'POST /api/checkout', status: 503, ms: 2 });
    stats.record({ route: 'POST /api/checkout', status: 0, ms: 10_000 });
    const [products, checkout] = stats.routes();
    expect(products).toMatchObject({ route: 'GET /api/products', requests: 100, byClass: { '2xx': 100 }, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(checkout).toMatchObject({ requests: 4, byClass: { '2xx': 1, '429': 1, '5xx': 1, none: 1 } });
    expect(stats.failures()).toBe(2);
    expect(stats.routes(100).map((r) => r.route)).toEqual(['POST /api/checkout']);
  });

  it('counts followed checkouts by end state and times only those that ended', () => {
    const stats = new LoadStats();
    stats.recordSaga('SHIPPED', 1_000);
    stats.recordSaga('SHIPPED', 3_000);
    stats.recordSaga('CANCELLED', 2_000);
    stats.recordSaga('UNSETTLED');
    expect(stats.saga()).toEqual({ ended: { SHIPPED: 2, CANCELLED: 1, UNSETTLED: 1 }, p50Ms: 2_000, p95Ms: 3_000 });
    expect(formatSummary(stats, 10)).toContain('checkouts followed: CANCELLED 1, SHIPPED 2, UNSETTLED 1; accepted → end state p50 2000 ms, p95 3000 ms');
  });
});
