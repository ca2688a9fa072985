import { script, type ScriptedEvent } from './events.js';

/**
 * A deterministic, busy stream: `count` clickstream events over ~20 sessions and 8 products, a checkout
 * and an order lifecycle every 10th, with event times mostly rising and some out of order (a few late).
 */
export function eventMix(count: number, startIso = '2026-01-01T10:00:00Z', wave = 0): ScriptedEvent[] {
  const start = Date.parse(startIso);
  const events: ScriptedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const jitter = i % 7 === 3 ? -95_000 : i % 5 === 1 ? -20_000 : 0;
    const time = (offsetMs: number) => new Date(start + i * 1_500 + jitter + offsetMs).toISOString();
    const session = `w${wave}-s${i % 20}`;
    const product = `P${(i * 3) % 8}`;
    events.push(i % 3 === 0 ? script.addToCart(time(0), session, product) : script.view(time(0), session, product));
    if (i % 10 === 9) {
      const order = `w${wave}-o${i}`;
      events.push(
        script.checkout(time(100), session, order),
        script.placed(time(200), order, [{ productId: product, quantity: 1 + (i % 3), unitCents: 1_999 }, { productId: 'P7', quantity: 1, unitCents: 250 }]),
      );
      if (i % 20 === 9) events.push(script.confirmed(time(5_000), order, (1 + (i % 3)) * 1_999 + 250), script.shipped(time(60_000), order));
      else events.push(script.cancelled(time(4_000), order));
    }
  }
  return events;
}
