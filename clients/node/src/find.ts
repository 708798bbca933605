// FindCustomers for any number of queries: the server takes 1 to 100 a call.
import type { IdentifierServiceClient } from '../generated/loyalty/identity/v1/IdentifierService';
import type { IdentifierQuery } from '../generated/loyalty/identity/v1/IdentifierQuery';
import type { FoundCustomer__Output } from '../generated/loyalty/identity/v1/FoundCustomer';
import { unary } from './client';
import type { CallOptions } from './client';

/** The most queries one FindCustomers call takes. */
export const MAX_QUERIES = 100;

/** A failed call of findCustomers(): grpc-js's ServiceError, plus where its queries start in yours. */
export type FindCustomersError = Error & {
  /** Index, in the queries given to findCustomers(), of the failed call's first query: its error's
   * `queries[i]...` field is your `queries[queryOffset + i]`. */
  queryOffset: number;
};

/**
 * Resolves any number of queries, MAX_QUERIES a call, one call after the other: one result per
 * query, in order; a result whose `customer` is null is a miss. A query without `source` looks in
 * every scope; `source`/`accountId` of a result say where the value was found (for a card:
 * SOURCE_UNSPECIFIED). The first failed call rejects with its error (richStatus() reads it),
 * given a `queryOffset`. No query is one call still, which the server refuses.
 */
export async function findCustomers(
  client: IdentifierServiceClient,
  queries: readonly IdentifierQuery[],
  options: CallOptions = {},
): Promise<FoundCustomer__Output[]> {
  const results: FoundCustomer__Output[] = [];
  for (let start = 0; start === 0 || start < queries.length; start += MAX_QUERIES) {
    const batch = queries.slice(start, start + MAX_QUERIES);
    try {
      const response = await unary(client, 'findCustomers', { queries: batch }, options);
      results.push(...response.results);
    } catch (error) {
      if (error instanceof Error) Object.assign(error, { queryOffset: start });
      throw error;
    }
  }
  return results;
}
