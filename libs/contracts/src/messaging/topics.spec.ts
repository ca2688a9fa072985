import { describe, expect, it } from '@jest/globals';
import { messages } from './message-types.js';
import { messageTypeNamed, topicCatalog, topicOf, topics } from './topics.js';

describe('topic catalog', () => {
  it('names the topics of the architecture, each with a DLQ', () => {
    expect(topicCatalog.map((t) => t.name).sort()).toEqual([
      'clickstream.v1',
      'inventory.commands.v1',
      'inventory.events.v1',
      'orders.events.v1',
      'payments.commands.v1',
      'payments.events.v1',
      'shipping.events.v1',
    ]);
    for (const t of topicCatalog) expect(t.dlq).toBe(`${t.name}.dlq`);
  });

  it('puts every message type on exactly one topic', () => {
    const all = topicCatalog.flatMap((t) => t.messageTypes.map((m) => m.typeName));
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(Object.values(messages).map((m) => m.typeName).sort());
  });

  it('routes a type to its topic and finds a type by its header name', () => {
    expect(topicOf(messages.ReserveStock)).toBe(topics.inventoryCommands);
    expect(messageTypeNamed('bazaar.payments.v1.PaymentDeclined')?.typeName).toBe('bazaar.payments.v1.PaymentDeclined');
    expect(messageTypeNamed('bazaar.nope.v1.Nope')).toBeUndefined();
    expect(() => topicOf({ typeName: 'x.y' })).toThrow(/on no topic/);
  });

  it('round-trips a message through its codec', () => {
    const cmd = messages.ReserveStock.create({ orderId: 'o-1', lines: [{ productId: 'P', quantity: 2 }] });
    expect(messages.ReserveStock.decode(messages.ReserveStock.encode(cmd))).toEqual(cmd);
  });
});
