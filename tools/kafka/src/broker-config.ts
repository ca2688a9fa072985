export interface BrokerConfigInput {
  port: number;
  controllerPort: number;
  /** Directory of the broker's partitions and KRaft metadata log (`log.dirs`). */
  logDirs: string;
}

const NODE_ID = 1;

/**
 * server.properties for a single-node KRaft cluster (broker and controller in one JVM) tuned for
 * development and tests: nothing is created implicitly, internal topics need one replica, and
 * groups start without the usual rebalance delay.
 */
export function renderBrokerConfig({ port, controllerPort, logDirs }: BrokerConfigInput): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': NODE_ID,
    // A static voter set works unchanged on Kafka 3.9 and 4.x and needs no --standalone format.
    'controller.quorum.voters': `${NODE_ID}@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDirs,
    // Topics come from the platform's topic catalog, never from a producer's typo.
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 5,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
