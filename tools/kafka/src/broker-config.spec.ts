import { describe, expect, it } from '@jest/globals';
import { renderBrokerConfig } from './broker-config.js';

function parse(text: string): Map<string, string> {
  return new Map(text.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
}

describe('renderBrokerConfig', () => {
  const config = parse(renderBrokerConfig({ port: 19092, controllerPort: 19093, logDirs: '/tmp/k/data' }));

  it('runs broker and controller in one process on loopback', () => {
    expect(config.get('process.roles')).toBe('broker,controller');
    expect(config.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093');
    expect(config.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(config.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(config.get('log.dirs')).toBe('/tmp/k/data');
  });

  it('never creates topics implicitly and needs one replica for internal topics', () => {
    expect(config.get('auto.create.topics.enable')).toBe('false');
    expect(config.get('offsets.topic.replication.factor')).toBe('1');
    expect(config.get('transaction.state.log.replication.factor')).toBe('1');
    expect(config.get('group.initial.rebalance.delay.ms')).toBe('0');
  });
});
