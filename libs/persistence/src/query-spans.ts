import { inActiveSpan } from '@bazaar/observability';
import { SpanKind, trace, type Attributes } from '@opentelemetry/api';
import type { CompiledQuery, DatabaseConnection } from 'kysely';

const tracer = trace.getTracer('@bazaar/persistence');

/** `{operation} {table}` per the database semantic conventions, from the SQL text itself. */
export function describeQuery(sqlText: string): { operation?: string; collection?: string } {
  const operation = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase();
  const table = /\b(?:from|into|update|join)\s+"?([A-Za-z_][\w]*)"?/i.exec(sqlText)?.[1];
  return { ...(operation ? { operation } : {}), ...(table ? { collection: table } : {}) };
}

/**
 * Wraps the connection's queries in CLIENT spans with db.* attributes. For PGlite, which no
 * instrumentation package covers (PostgreSQL is traced by instrumentation-pg). Like that
 * instrumentation, it only traces queries made inside a span, so background polling adds no root spans.
 */
export function traceQueries(connection: DatabaseConnection, namespace: string): void {
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = <R>(query: CompiledQuery): ReturnType<typeof execute<R>> => {
    if (!trace.getActiveSpan()) return execute<R>(query);
    const { operation, collection } = describeQuery(query.sql);
    const attributes: Attributes = {
      'db.system.name': 'postgresql',
      'db.system': 'postgresql',
      'db.namespace': namespace,
      'db.query.text': query.sql,
      ...(operation ? { 'db.operation.name': operation } : {}),
      ...(collection ? { 'db.collection.name': collection } : {}),
    };
    const name = operation ? `${operation}${collection ? ` ${collection}` : ''}` : 'postgresql';
    return inActiveSpan(tracer, name, { kind: SpanKind.CLIENT, attributes }, () => execute<R>(query));
  };
}
