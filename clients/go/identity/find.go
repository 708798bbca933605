package identity

import (
	"context"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"

	"google.golang.org/grpc"
)

// MaxQueries is the most queries one FindCustomers call takes.
const MaxQueries = 100

// FindCustomers resolves any number of identifier queries with as few
// FindCustomers calls as it takes (MaxQueries a call), one after the other:
// the results are in the order of queries, one each, and a result without a
// Customer is a miss. A query without a Source looks in every scope of the
// org; the result's Source and AccountId say where the value was found (the
// first scope in (source, account) order; SOURCE_UNSPECIFIED for a card).
//
// The first failed call ends it, with the call's *Error unchanged. The
// results of the calls before it are returned with it, so the failed call's
// first query is queries[len(results)], and the query its field violation
// names, `queries[i]...`, is queries[len(results)+i].
func (c *Client) FindCustomers(
	ctx context.Context, queries []*identityv1.IdentifierQuery, opts ...grpc.CallOption,
) ([]*identityv1.FoundCustomer, error) {
	results := make([]*identityv1.FoundCustomer, 0, len(queries))
	// No query is still one call: the server answers INVALID_ARGUMENT on `queries`.
	for start := 0; start == 0 || start < len(queries); start += MaxQueries {
		end := start + MaxQueries
		if end > len(queries) {
			end = len(queries)
		}
		request := &identityv1.FindCustomersRequest{Queries: queries[start:end]}
		response, err := c.Identifiers.FindCustomers(ctx, request, opts...)
		if err != nil {
			return results, err
		}
		results = append(results, response.GetResults()...)
	}
	return results, nil
}

// AnyScope is a query for an identifier in whichever scope of the org holds it.
func AnyScope(kind identityv1.IdentifierType, value string) *identityv1.IdentifierQuery {
	return &identityv1.IdentifierQuery{Identifier: &identityv1.Identifier{Type: kind, Value: value}}
}
