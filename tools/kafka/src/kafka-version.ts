/**
 * The one pinned Apache Kafka broker version (Maven Central `org.apache.kafka:kafka_2.13`).
 * Chosen by running kafkajs 2.2.4 against candidates: see docs/adr/0007-kafka-broker-version.md.
 */
export const KAFKA_VERSION = '4.4.0';
