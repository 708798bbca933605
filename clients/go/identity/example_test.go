package identity_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"
	"github.com/loyalty-identity/loyalty-identity/clients/go/identity"
)

// Branch on the reason of a failed call; the details come with it.
func ExampleError() {
	client, err := identity.Dial(context.Background(), "127.0.0.1:50051", identity.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	_, err = client.Identifiers.UpdateIdentifiers(context.Background(), &identityv1.UpdateIdentifiersRequest{
		Customer: "customers/00000000-0000-4000-8000-000000000000",
		Source:   identityv1.Source_SOURCE_INSTORE,
		Add:      []*identityv1.Identifier{{Type: identityv1.IdentifierType_IDENTIFIER_TYPE_EMAIL, Value: "ann@example.com"}},
	})
	var e *identity.Error
	switch {
	case errors.Is(err, identity.CustomerNotFound):
		fmt.Println("no such customer")
	case errors.Is(err, identity.IdentifierTaken) && errors.As(err, &e):
		fmt.Println("held by", e.Metadata["customer"])
	case errors.As(err, &e) && len(e.FieldViolations) > 0:
		fmt.Println("bad field", e.FieldViolations[0].Field, e.FieldViolations[0].Reason)
	case err != nil:
		log.Fatal(err)
	}
}

// Follow the change feed from the last sequence processed, across server restarts.
func ExampleClient_Watch() {
	client, err := identity.Dial(context.Background(), "127.0.0.1:50051", identity.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	var lastProcessed int64 // persisted by the application
	w := client.Watch(context.Background(), lastProcessed, identity.WatchOptions{})
	defer w.Close()
	for w.Next() {
		event := w.Event()
		fmt.Println(event.GetSequence(), event.GetCustomers())
		lastProcessed = w.LastSequence()
	}
	if err := w.Err(); err != nil {
		log.Fatal(err) // EVENTS_EXPIRED: resync, then watch from its metadata first_sequence - 1
	}
}

// Resolve a list of emails whatever channel registered them: one call per 100.
func ExampleClient_FindCustomers() {
	client, err := identity.Dial(context.Background(), "127.0.0.1:50051", identity.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	emails := []string{"ann@example.com", "bob@example.com"}
	queries := make([]*identityv1.IdentifierQuery, len(emails))
	for i, email := range emails {
		queries[i] = identity.AnyScope(identityv1.IdentifierType_IDENTIFIER_TYPE_EMAIL, email)
	}
	results, err := client.FindCustomers(context.Background(), queries)
	if err != nil {
		log.Fatal(err) // a malformed query: its field violation names queries[i] of the failed call
	}
	for i, found := range results {
		if found.GetCustomer() == nil {
			fmt.Println(emails[i], "nobody")
		} else {
			fmt.Println(emails[i], found.GetCustomer().GetName(), found.GetSource(), found.GetAccountId())
		}
	}
}
