import * as grpc from '@grpc/grpc-js';

import { connect, richStatus, unary } from '../src';
import type { Profile } from '../src';

async function main(): Promise<void> {
  // HOST:PORT of the server; a token when the server has a tokens file.
  const client = connect(process.env.LOYALTY_IDENTITY_ADDRESS ?? '127.0.0.1:50051', {
    token: process.env.LOYALTY_IDENTITY_TOKEN,
  });
  const deadline = () => new Date(Date.now() + 5000);
  const profiles: Profile[] = [
    { source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: '+86 138-0013-8000' }] },
  ];
  try {
    const { customer } = await unary(client.identifiers, 'createCustomer', { profiles }, { deadline: deadline() });
    console.log('created', customer?.name.startsWith('customers/'), customer?.profiles[0]?.identifiers[0]?.value);

    // Who holds these values? Any scope (no source), or one scope; one answer per query, in order.
    const mobile = { type: 'IDENTIFIER_TYPE_MOBILE', value: '8613800138000' } as const;
    const queries = [{ identifier: mobile }, { source: 'SOURCE_TMALL', identifier: mobile } as const];
    const { results } = await unary(client.identifiers, 'findCustomers', { queries }, { deadline: deadline() });
    console.log('found', results.map((found) => (found.customer?.name === customer?.name ? found.source : 'nobody')));

    // A second customer with the same number in the same channel is refused.
    await unary(client.identifiers, 'createCustomer', { profiles }, { deadline: deadline() });
  } catch (error) {
    const status = richStatus(error);
    if (status === undefined) throw error; // not a gRPC error
    // The code says what kind of failure; ErrorInfo.reason says exactly which.
    console.log(grpc.status[status.code], status.errorInfo?.reason, status.errorInfo?.metadata.field);
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
